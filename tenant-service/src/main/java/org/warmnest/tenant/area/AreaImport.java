package org.warmnest.tenant.area;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.tenant.area.AreaSheet.Column;
import org.warmnest.tenant.area.AreaSheet.Finding;
import org.warmnest.tenant.area.AreaSheet.Line;

/**
 * Imports a tenant's areas from a spreadsheet. The file is checked as a whole first; a real import then
 * applies it in one transaction, or nothing when any row is bad. Areas are matched by code, so uploading the
 * same file again creates nothing and changes nothing; a changed name or grid leader is updated.
 * Areas missing from the file are left alone: a sheet may cover one street only.
 */
@Service
class AreaImport {

    private static final int MAX_NAME = 50;

    private final StreetRepository streets;
    private final CommunityRepository communities;
    private final GridRepository grids;
    private final MessageSource messages;
    private final Clock clock;

    AreaImport(StreetRepository streets, CommunityRepository communities, GridRepository grids,
            MessageSource messages, Clock clock) {
        this.streets = streets;
        this.communities = communities;
        this.grids = grids;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ImportReport preview(AreaSheet sheet, Locale locale) {
        Checked checked = check(sheet);
        return report(checked, reconcile(checked, false), true, false, locale);
    }

    @Transactional
    public ImportReport apply(AreaSheet sheet, Locale locale) {
        Checked checked = check(sheet);
        if (!checked.findings.isEmpty()) {
            throw new AreaImportRefused(report(checked, reconcile(checked, false), false, false, locale));
        }
        return report(checked, reconcile(checked, true), false, true, locale);
    }

    private record StreetRow(String code, String name, int row) {
    }

    private record CommunityRow(String code, String name, String streetCode, int row) {
    }

    private record GridRow(String code, String name, String leaderName, String leaderPhone, String communityCode,
            int row) {
    }

    /** The file's areas by code, in file order, and everything wrong with it. */
    private static final class Checked {
        final Map<String, StreetRow> streets = new LinkedHashMap<>();
        final Map<String, CommunityRow> communities = new LinkedHashMap<>();
        final Map<String, GridRow> grids = new LinkedHashMap<>();
        final List<Finding> findings = new ArrayList<>();
        int rows;
    }

    private Checked check(AreaSheet sheet) {
        TenantCode tenant = TenantContext.require();
        Checked c = new Checked();
        c.findings.addAll(sheet.findings());
        c.rows = sheet.lines().size();
        for (Line line : sheet.lines()) {
            int row = line.number();
            List<Finding> found = new ArrayList<>();

            String streetCode = line.get(Column.STREET_CODE);
            String streetName = line.get(Column.STREET_NAME);
            if (streetCode.isEmpty()) {
                found.add(finding(row, Column.STREET_CODE, "required"));
            } else if (!AreaCodes.isStreetCode(streetCode)) {
                found.add(finding(row, Column.STREET_CODE, "street-code-format", streetCode));
            } else if (!AreaCodes.streetBelongsTo(streetCode, tenant)) {
                found.add(finding(row, Column.STREET_CODE, "street-code-outside-tenant", streetCode, tenant.value()));
            }
            name(found, row, Column.STREET_NAME, streetName, true);
            boolean streetOk = found.isEmpty();
            if (streetOk) {
                StreetRow first = c.streets.putIfAbsent(streetCode, new StreetRow(streetCode, streetName, row));
                if (first != null && !first.name().equals(streetName)) {
                    found.add(finding(row, Column.STREET_NAME, "street-name-conflict", streetCode, first.name(),
                            first.row()));
                }
            }

            String communityCode = line.get(Column.COMMUNITY_CODE);
            String communityName = line.get(Column.COMMUNITY_NAME);
            boolean gridGiven = !line.get(Column.GRID_CODE).isEmpty() || !line.get(Column.GRID_NAME).isEmpty()
                    || !line.get(Column.LEADER_NAME).isEmpty() || !line.get(Column.LEADER_PHONE).isEmpty();
            boolean communityGiven = !communityCode.isEmpty() || !communityName.isEmpty();
            if (!communityGiven && gridGiven) {
                found.add(finding(row, Column.COMMUNITY_CODE, "required"));
            }
            if (communityGiven) {
                int before = found.size();
                if (communityCode.isEmpty()) {
                    found.add(finding(row, Column.COMMUNITY_CODE, "required"));
                } else if (!AreaCodes.isCommunityCode(communityCode)) {
                    found.add(finding(row, Column.COMMUNITY_CODE, "community-code-format", communityCode));
                } else if (streetOk && !AreaCodes.communityBelongsTo(communityCode, streetCode)) {
                    found.add(finding(row, Column.COMMUNITY_CODE, "community-code-outside-street", communityCode,
                            streetCode));
                }
                name(found, row, Column.COMMUNITY_NAME, communityName, true);
                if (found.size() == before && streetOk) {
                    CommunityRow first = c.communities.putIfAbsent(communityCode,
                            new CommunityRow(communityCode, communityName, streetCode, row));
                    if (first != null && !first.name().equals(communityName)) {
                        found.add(finding(row, Column.COMMUNITY_NAME, "community-name-conflict", communityCode,
                                first.name(), first.row()));
                    }
                }
            }

            if (gridGiven) {
                String gridCode = line.get(Column.GRID_CODE);
                String leaderName = line.get(Column.LEADER_NAME);
                String leaderPhone = line.get(Column.LEADER_PHONE);
                if (gridCode.isEmpty()) {
                    found.add(finding(row, Column.GRID_CODE, "required"));
                } else if (!AreaCodes.isGridCode(gridCode)) {
                    found.add(finding(row, Column.GRID_CODE, "grid-code-format", gridCode));
                }
                name(found, row, Column.GRID_NAME, line.get(Column.GRID_NAME), true);
                name(found, row, Column.LEADER_NAME, leaderName, false);
                if (!leaderPhone.isEmpty() && !AreaCodes.isMobile(leaderPhone)) {
                    found.add(finding(row, Column.LEADER_PHONE, "leader-phone-format", leaderPhone));
                }
                if (found.isEmpty()) {
                    GridRow first = c.grids.putIfAbsent(gridCode, new GridRow(gridCode, line.get(Column.GRID_NAME),
                            blankToNull(leaderName), blankToNull(leaderPhone), communityCode, row));
                    if (first != null) {
                        found.add(finding(row, Column.GRID_CODE, "grid-code-duplicate", gridCode, first.row()));
                    }
                }
            }
            c.findings.addAll(found);
        }
        return c;
    }

    private record Outcome(ImportReport.Counts streets, ImportReport.Counts communities, ImportReport.Counts grids) {
    }

    /** Matches the file against the tenant's areas by code; writes only when asked to. */
    private Outcome reconcile(Checked c, boolean write) {
        Instant now = clock.instant();
        Map<String, Street> knownStreets = byCode(streets.findAll(), Street::code);
        Map<String, Community> knownCommunities = byCode(communities.findAll(), Community::code);
        Map<String, Grid> knownGrids = byCode(grids.findAll(), Grid::code);

        Tally streetTally = new Tally();
        Map<String, UUID> streetIds = new HashMap<>();
        knownStreets.forEach((code, s) -> streetIds.put(code, s.id()));
        for (StreetRow r : c.streets.values()) {
            Street known = knownStreets.get(r.code());
            if (known == null) {
                Street s = new Street(UUID.randomUUID(), r.code(), r.name(), now);
                streetIds.put(r.code(), s.id());
                if (write) {
                    streets.save(s);
                }
                streetTally.created++;
            } else if (!known.name().equals(r.name())) {
                if (write) {
                    known.rename(r.name(), now);
                }
                streetTally.updated++;
            } else {
                streetTally.unchanged++;
            }
        }

        Tally communityTally = new Tally();
        Map<String, UUID> communityIds = new HashMap<>();
        knownCommunities.forEach((code, k) -> communityIds.put(code, k.id()));
        for (CommunityRow r : c.communities.values()) {
            Community known = knownCommunities.get(r.code());
            if (known == null) {
                Community k = new Community(UUID.randomUUID(), streetIds.get(r.streetCode()), r.code(), r.name(), now);
                communityIds.put(r.code(), k.id());
                if (write) {
                    communities.save(k);
                }
                communityTally.created++;
            } else if (!known.name().equals(r.name())) {
                if (write) {
                    known.rename(r.name(), now);
                }
                communityTally.updated++;
            } else {
                communityTally.unchanged++;
            }
        }

        Tally gridTally = new Tally();
        for (GridRow r : c.grids.values()) {
            UUID communityId = communityIds.get(r.communityCode());
            Grid known = knownGrids.get(r.code());
            if (known == null) {
                if (write) {
                    Grid g = new Grid(UUID.randomUUID(), r.code(), now);
                    g.describe(communityId, r.name(), r.leaderName(), r.leaderPhone(), now);
                    grids.save(g);
                }
                gridTally.created++;
            } else if (!Objects.equals(known.communityId(), communityId) || !known.name().equals(r.name())
                    || !Objects.equals(known.leaderName(), r.leaderName())
                    || !Objects.equals(known.leaderPhone(), r.leaderPhone())) {
                if (write) {
                    known.describe(communityId, r.name(), r.leaderName(), r.leaderPhone(), now);
                }
                gridTally.updated++;
            } else {
                gridTally.unchanged++;
            }
        }
        if (write) {
            grids.flush();
        }
        return new Outcome(streetTally.counts(), communityTally.counts(), gridTally.counts());
    }

    private ImportReport report(Checked c, Outcome outcome, boolean dryRun, boolean applied, Locale locale) {
        List<ImportReport.Problem> problems = c.findings.stream()
                .map(f -> new ImportReport.Problem(f.row(), f.column(), f.code(),
                        messages.getMessage("import.problem." + f.code(), f.args(), f.code(), locale)))
                .toList();
        return new ImportReport(dryRun, applied, c.rows, outcome.streets(), outcome.communities(), outcome.grids(),
                problems);
    }

    private static void name(List<Finding> found, int row, Column column, String value, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                found.add(finding(row, column, "required"));
            }
        } else if (value.length() > MAX_NAME) {
            found.add(finding(row, column, "too-long", MAX_NAME));
        }
    }

    private static Finding finding(int row, Column column, String code, Object... args) {
        return new Finding(row, column.header, code, args);
    }

    private static <T> Map<String, T> byCode(List<T> items, Function<T, String> code) {
        return items.stream().collect(Collectors.toMap(code, Function.identity()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static final class Tally {
        int created;
        int updated;
        int unchanged;

        ImportReport.Counts counts() {
            return new ImportReport.Counts(created, updated, unchanged);
        }
    }
}
