package org.warmnest.care.visit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.warmnest.platform.problem.ProblemException;

/**
 * Readings taken on a visit, checked for what cannot be a human reading (refused) and flagged when out of the
 * usual adult range: blood pressure ≥ 140/90 or < 90/60 mmHg; fasting glucose ≥ 7.0 or < 3.9 mmol/L, random ≥ 11.1
 * or < 3.9; temperature ≥ 37.3 or < 35.0 °C; heart rate > 100 or < 60. Medicines past their expiry are counted.
 */
final class HealthReadings {

    enum Kind { BLOOD_PRESSURE, GLUCOSE_FASTING, GLUCOSE_RANDOM, TEMPERATURE, HEART_RATE }

    enum Flag { NORMAL, HIGH, LOW }

    /** A checked reading as stored (encrypted) and revealed. */
    record Checked(Kind kind, BigDecimal value, Integer systolic, Integer diastolic, java.time.OffsetDateTime measuredAt,
            Flag flag) {
    }

    record CheckedMedicine(String name, LocalDate expiresOn, boolean expired, String guidance) {
    }

    private HealthReadings() {
    }

    static List<Checked> check(List<VisitRequest.Reading> readings) {
        List<Checked> out = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            VisitRequest.Reading r = readings.get(i);
            String field = "readings[" + i + "]";
            if (r.kind() == Kind.BLOOD_PRESSURE) {
                if (r.systolic() == null || r.diastolic() == null || r.value() != null) {
                    throw ProblemException.invalid(field, "blood-pressure-needs-systolic-and-diastolic");
                }
                if (r.systolic() < 50 || r.systolic() > 300 || r.diastolic() < 20 || r.diastolic() > 200
                        || r.diastolic() >= r.systolic()) {
                    throw ProblemException.invalid(field, "reading-implausible");
                }
                Flag f = r.systolic() >= 140 || r.diastolic() >= 90 ? Flag.HIGH
                        : r.systolic() < 90 || r.diastolic() < 60 ? Flag.LOW : Flag.NORMAL;
                out.add(new Checked(r.kind(), null, r.systolic(), r.diastolic(), r.measuredAt(), f));
                continue;
            }
            if (r.value() == null || r.systolic() != null || r.diastolic() != null) {
                throw ProblemException.invalid(field, "reading-needs-value");
            }
            double v = r.value().doubleValue();
            Flag f;
            switch (r.kind()) {
                case GLUCOSE_FASTING -> {
                    plausible(field, v, 1.0, 35.0);
                    f = v >= 7.0 ? Flag.HIGH : v < 3.9 ? Flag.LOW : Flag.NORMAL;
                }
                case GLUCOSE_RANDOM -> {
                    plausible(field, v, 1.0, 35.0);
                    f = v >= 11.1 ? Flag.HIGH : v < 3.9 ? Flag.LOW : Flag.NORMAL;
                }
                case TEMPERATURE -> {
                    plausible(field, v, 30.0, 44.0);
                    f = v >= 37.3 ? Flag.HIGH : v < 35.0 ? Flag.LOW : Flag.NORMAL;
                }
                case HEART_RATE -> {
                    plausible(field, v, 20, 250);
                    f = v > 100 ? Flag.HIGH : v < 60 ? Flag.LOW : Flag.NORMAL;
                }
                default -> throw new IllegalStateException(r.kind().name());
            }
            out.add(new Checked(r.kind(), r.value(), null, null, r.measuredAt(), f));
        }
        return out;
    }

    static List<CheckedMedicine> medicines(List<VisitRequest.Medicine> medicines, LocalDate on) {
        return medicines.stream().map(m -> new CheckedMedicine(m.name().strip(), m.expiresOn(),
                m.expiresOn() != null && m.expiresOn().isBefore(on), m.guidance())).toList();
    }

    private static void plausible(String field, double v, double min, double max) {
        if (v < min || v > max) {
            throw ProblemException.invalid(field, "reading-implausible");
        }
    }
}
