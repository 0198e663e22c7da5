package org.warmnest.care.alert;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;

interface AlertDutyRepository extends JpaRepository<AlertDuty, UUID> {

    List<AlertDuty> findByLevel(AlertLevel level, Sort sort);

    List<AlertDuty> findByLevelAndAreaCode(AlertLevel level, String areaCode, Sort sort);

    boolean existsByLevelAndAreaCodeAndPhoneAndIdNot(AlertLevel level, String areaCode, String phone, UUID id);
}
