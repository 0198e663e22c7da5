package org.warmnest.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.warmnest.platform.security.ContractorEngagements.Standing;
import org.warmnest.platform.security.ContractorEngagements.Term;

/** A contractor's standing in a tenant on 2026-06-15, from its engagements there (start..end, ENDED or not). */
class ContractorEngagementsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    /** Engagements as {@code start/end/status}, separated by {@code ;}; {@code -} for no end; empty for none. */
    static List<Term> terms(String spec) {
        List<Term> terms = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return terms;
        }
        for (String one : spec.split(";")) {
            String[] p = one.trim().split("/");
            terms.add(new Term(LocalDate.parse(p[0]), p[1].equals("-") ? null : LocalDate.parse(p[1]),
                    p[2].equals("ENDED")));
        }
        return terms;
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "none (never engaged, or deleted)         |                                                    | NOT_ENGAGED",
            "open-ended, started long ago             | 2025-03-01/-/ACTIVE                                | ENGAGED",
            "starts today                             | 2026-06-15/-/ACTIVE                                | ENGAGED",
            "ends today (the last day counts)         | 2025-03-01/2026-06-15/ACTIVE                       | ENGAGED",
            "ended yesterday by its date              | 2025-03-01/2026-06-14/ACTIVE                       | ENDED",
            "ended by the bureau (status)             | 2025-03-01/2026-12-31/ENDED                        | ENDED",
            "starts tomorrow                          | 2026-06-16/-/ACTIVE                                | NOT_ENGAGED",
            "an ended one and one in force            | 2024-01-01/2025-01-01/ENDED; 2025-02-01/-/ACTIVE   | ENGAGED",
            "an ended one and one not started         | 2024-01-01/2025-01-01/ENDED; 2026-07-01/-/ACTIVE   | ENDED" })
    void standing(String name, String engagements, Standing expected) {
        assertThat(ContractorEngagements.standingOf(terms(engagements), TODAY)).isEqualTo(expected);
    }
}
