package org.warmnest.care.alert;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/** Who is on duty for an alert's place at each level, read in the caller's transaction and tenant. */
@Component
class DutyRoster {

    private final AlertDutyRepository duties;

    DutyRoster(AlertDutyRepository duties) {
        this.duties = duties;
    }

    Map<AlertLevel, List<AlertDuty>> of(Alert.AlertPlace place, String tenantCode) {
        Map<AlertLevel, List<AlertDuty>> roster = new EnumMap<>(AlertLevel.class);
        for (AlertLevel level : AlertLevel.values()) {
            roster.put(level, duties.findByLevelAndAreaCode(level, place.areaCode(level, tenantCode),
                    Sort.by("name", "id")));
        }
        return roster;
    }
}
