package org.warmnest.tenant.program;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.warmnest.platform.problem.ProblemException.FieldProblem;
import org.warmnest.platform.tenancy.TenantCode;

/**
 * Which districts a program may cover: a city's program only that city's districts, a district's program
 * only the district itself.
 */
final class ProgramCoverage {

    private ProgramCoverage() {
    }

    /** The problems with the requested codes, one per offending entry; empty when all may be covered. */
    static List<FieldProblem> problems(TenantCode owner, List<String> codes) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            String field = "districtCodes[" + i + "]";
            if (!TenantCode.isValid(code)) {
                problems.add(new FieldProblem(field, "tenant-code-invalid", null));
                continue;
            }
            TenantCode district = TenantCode.of(code);
            if (owner.isCity() && (district.isCity() || !district.isWithin(owner))) {
                problems.add(new FieldProblem(field, "district-outside-city", null));
            } else if (owner.isDistrict() && !district.equals(owner)) {
                problems.add(new FieldProblem(field, "district-not-owner", null));
            }
        }
        return problems;
    }

    /** Sorted and without repeats, as stored. */
    static List<String> normalised(List<String> codes) {
        return List.copyOf(new TreeSet<>(codes));
    }
}
