package org.warmnest.care.alert;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.area.AreaDirectory;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;

/**
 * The bureau's duty roster for alerts: who answers at each level for each area. A grid, community or street
 * must be one of the tenant's (as tenant-service knows them); the district level's area is the tenant itself.
 */
@Service
class AlertDuties {

    /** A mainland mobile number (11 digits, 13x–19x). */
    private static final Pattern MOBILE = Pattern.compile("^1[3-9][0-9]{9}$");

    private final AlertDutyRepository duties;
    private final AreaDirectory areas;
    private final Clock clock;

    AlertDuties(AlertDutyRepository duties, AreaDirectory areas, Clock clock) {
        this.duties = duties;
        this.areas = areas;
        this.clock = clock;
    }

    record Entry(AlertLevel level, String areaCode, String name, String phone, String userSubject, Long version) {
    }

    @Transactional(readOnly = true)
    List<AlertDuty> list(AlertLevel level, String areaCode) {
        Sort order = Sort.by("level", "areaCode", "name", "id");
        if (level != null && areaCode != null) {
            return duties.findByLevelAndAreaCode(level, areaCode, order);
        }
        return level == null ? duties.findAll(order) : duties.findByLevel(level, order);
    }

    @Transactional(readOnly = true)
    AlertDuty one(UUID id) {
        return find(id);
    }

    @Transactional
    AlertDuty create(Entry entry) {
        String by = CurrentUser.get().subject();
        AlertDuty duty = new AlertDuty(UUID.randomUUID(), clock.instant().truncatedTo(ChronoUnit.MICROS), by);
        apply(duty, entry, by);
        return duties.saveAndFlush(duty);
    }

    @Transactional
    AlertDuty update(UUID id, Entry entry) {
        AlertDuty duty = find(id);
        if (entry.version() == null) {
            throw ProblemException.invalid("version", "required");
        }
        if (entry.version() != duty.version()) {
            throw ProblemException.conflict("alert-duty-modified", duty.version());
        }
        apply(duty, entry, CurrentUser.get().subject());
        return duties.saveAndFlush(duty);
    }

    @Transactional
    void delete(UUID id) {
        duties.delete(find(id));
    }

    private void apply(AlertDuty duty, Entry entry, String by) {
        String phone = mobile(entry.phone());
        String area = area(entry.level(), entry.areaCode());
        if (duties.existsByLevelAndAreaCodeAndPhoneAndIdNot(entry.level(), area, phone, duty.id())) {
            throw ProblemException.conflict("alert-duty-duplicate", entry.level(), area, phone);
        }
        String subject = entry.userSubject() == null || entry.userSubject().isBlank() ? null
                : entry.userSubject().strip();
        duty.set(entry.level(), area, entry.name().strip(), phone, subject,
                clock.instant().truncatedTo(ChronoUnit.MICROS), by);
    }

    /** The number as 11 digits; spaces, dashes and a +86 prefix are forgiven. */
    static String mobile(String given) {
        String digits = given == null ? "" : given.replaceAll("[\\s-]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        }
        if (!MOBILE.matcher(digits).matches()) {
            throw new ProblemException(HttpStatus.valueOf(422), "duty-phone-invalid", given);
        }
        return digits;
    }

    private String area(AlertLevel level, String given) {
        TenantCode tenant = TenantContext.require();
        String code = given == null ? "" : given.strip();
        if (level == AlertLevel.DISTRICT) {
            if (!code.isEmpty() && !code.equals(tenant.value())) {
                throw ProblemException.invalid("areaCode", "duty-area-unknown");
            }
            return tenant.value();
        }
        if (code.isEmpty()) {
            throw ProblemException.invalid("areaCode", "required");
        }
        boolean known = areas.grids(tenant).values().stream().anyMatch(g -> switch (level) {
            case GRID -> g.gridCode().equals(code);
            case COMMUNITY -> g.communityCode().equals(code);
            default -> g.streetCode().equals(code);
        });
        if (!known && level == AlertLevel.GRID) {
            known = areas.grid(tenant, code).isPresent(); // a grid created a moment ago
        }
        if (!known) {
            throw ProblemException.invalid("areaCode", "duty-area-unknown");
        }
        return code;
    }

    private AlertDuty find(UUID id) {
        return duties.findById(id).orElseThrow(() -> ProblemException.notFound("alert-duty-not-found", id));
    }
}
