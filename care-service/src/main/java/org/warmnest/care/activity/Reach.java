package org.warmnest.care.activity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.warmnest.care.elder.ElderFiles;
import org.warmnest.platform.problem.ProblemException;

/**
 * What the caller may reach: elders as the elder files admit them, volunteers and this package's rows of the
 * caller's contractor (contractor staff) or of the whole tenant (the bureau, auditors). Anything else is 404, as
 * if it did not exist.
 */
@Component
class Reach {

    private final ElderFiles elders;
    private final ActivitySql sql;

    Reach(ElderFiles elders, ActivitySql sql) {
        this.elders = elders;
        this.sql = sql;
    }

    /** The elders, each once, in the order given; every one visible to the caller. */
    List<UUID> elders(List<UUID> ids) {
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(ids == null ? List.of() : ids));
        distinct.forEach(elders::require);
        return distinct;
    }

    ElderFiles.ElderRef elder(UUID id) {
        return elders.require(id);
    }

    void volunteer(UUID id) {
        row("volunteer", id, "volunteer-not-found");
    }

    /**
     * Fails with the code (404) unless the row of the table exists and the caller's contractor, if any, is its
     * own; {@code table} is one of this package's constants, never the caller's.
     */
    void row(String table, UUID id, String notFound) {
        List<UUID> owners = sql.list("select contractor_id from " + table + " where id = ?", List.of(id),
                r -> ActivitySql.uuid(r, 1));
        Optional<UUID> mine = ActivityScope.callersContractor();
        if (owners.isEmpty() || mine.isPresent() && !mine.get().equals(owners.get(0))) {
            throw ProblemException.notFound(notFound, id);
        }
    }
}
