package org.warmnest.care.plan;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import jakarta.persistence.LockModeType;

interface PairingRepository extends JpaRepository<Pairing, UUID> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Pairing p where p.id = :id")
    Optional<Pairing> lock(@Param("id") UUID id);

    @Query("select p from Pairing p where p.volunteerId = :volunteer and p.endedOn is null order by p.startedOn, p.id")
    List<Pairing> activeOf(@Param("volunteer") UUID volunteer);

    @Query("""
            select p from Pairing p
            where (:elder is null or p.elderId = :elder) and (:volunteer is null or p.volunteerId = :volunteer)
              and (:active = false or p.endedOn is null)
            order by p.startedOn desc, p.id""")
    List<Pairing> search(@Param("elder") UUID elder, @Param("volunteer") UUID volunteer,
            @Param("active") boolean active);
}
