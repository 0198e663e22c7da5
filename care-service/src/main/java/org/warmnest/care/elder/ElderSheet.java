package org.warmnest.care.elder;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.warmnest.platform.sheet.SheetRow;

/**
 * The elder spreadsheet bureaus keep, one elder per row under Chinese headers, and how a row becomes an
 * {@link ElderRequest}. Labels are what the bureaus write (独居, 高风险, 是); problems name the column.
 */
final class ElderSheet {

    static final String NAME = "姓名";
    static final String ID_NUMBER = "身份证号";
    static final String SEX = "性别";
    static final String BIRTH_DATE = "出生日期";
    static final String PHONE = "联系电话";
    static final String GRID = "网格代码";
    static final String ADDRESS = "居住地址";
    static final String CATEGORIES = "人员类别";
    static final String RISK = "风险等级";
    static final String RESPONSIBLE = "责任人";
    static final String RESPONSIBLE_PHONE = "责任人电话";
    static final String EMERGENCY_NAME = "紧急联系人";
    static final String EMERGENCY_PHONE = "紧急联系人电话";
    static final String EMERGENCY_RELATION = "紧急联系人关系";
    static final String HOUSEHOLD = "同住人员";
    static final String CONSENT = "知情同意";
    static final String HEALTH = "健康状况";

    /** The template's columns, in order. */
    static final List<String> HEADERS = List.of(NAME, ID_NUMBER, SEX, BIRTH_DATE, PHONE, GRID, ADDRESS, CATEGORIES,
            RISK, RESPONSIBLE, RESPONSIBLE_PHONE, EMERGENCY_NAME, EMERGENCY_PHONE, EMERGENCY_RELATION, HOUSEHOLD,
            CONSENT, HEALTH);
    static final Set<String> REQUIRED = Set.of(NAME, ID_NUMBER, GRID, CATEGORIES);

    /** Which column a request field's problem belongs to. */
    static final Map<String, String> COLUMN_OF = Map.ofEntries(Map.entry("name", NAME),
            Map.entry("idNumber", ID_NUMBER), Map.entry("phone", PHONE), Map.entry("gridCode", GRID),
            Map.entry("address", ADDRESS), Map.entry("household", HOUSEHOLD), Map.entry("categories", CATEGORIES),
            Map.entry("riskTier", RISK), Map.entry("emergencyContacts", EMERGENCY_PHONE),
            Map.entry("responsibleName", RESPONSIBLE), Map.entry("responsiblePhone", RESPONSIBLE_PHONE),
            Map.entry("consentGiven", CONSENT), Map.entry("consentBy", CONSENT), Map.entry("consentOn", CONSENT),
            Map.entry("health", HEALTH));

    static String columnOf(String field) {
        String root = field.replaceAll("[\\[.].*$", "");
        return COLUMN_OF.getOrDefault(root, field);
    }

    /** A cell the row could not be read from: its column and a stable code (message key {@code import.<code>}). */
    record CellProblem(String column, String code, Object... args) {
    }

    record Converted(ElderRequest request, List<CellProblem> problems) {
    }

    private static final Pattern MEMBER = Pattern.compile("^\\s*([^()（）]+?)\\s*(?:[(（]\\s*([^()（）]*)\\s*[)）])?\\s*$");

    /**
     * A row as a request. Columns missing from the file take the existing file's value ({@code existing} may be
     * null for a new elder), so that a bureau's sheet without, say, 健康状况 does not wipe what workers wrote.
     */
    static Converted convert(SheetRow row, Set<String> present, ElderRequest existing) {
        Cells cells = new Cells(row, present, existing != null);
        List<CellProblem> problems = new ArrayList<>();
        if (row.numericCells().contains(ID_NUMBER)) {
            problems.add(new CellProblem(ID_NUMBER, "id-number-stored-as-number"));
        }
        List<Category> categories = existing == null ? List.of() : existing.categories();
        if (cells.given(CATEGORIES)) {
            categories = new ArrayList<>();
            for (String label : row.cell(CATEGORIES).split("[、,，;；/\\s]+")) {
                if (label.isBlank()) {
                    continue;
                }
                Category c = Category.byLabel(label);
                if (c == null) {
                    problems.add(new CellProblem(CATEGORIES, "category-unknown", label));
                } else if (!categories.contains(c)) {
                    categories.add(c);
                }
            }
        }
        RiskTier risk = existing == null ? RiskTier.GENERAL : existing.riskTier();
        if (cells.given(RISK)) {
            risk = RiskTier.byLabel(row.cell(RISK));
            if (risk == null) {
                problems.add(new CellProblem(RISK, "risk-unknown", row.cell(RISK)));
            }
        }
        Boolean consent = existing == null ? Boolean.FALSE : existing.consentGiven();
        LocalDate consentOn = existing == null ? null : existing.consentOn();
        String consentBy = existing == null ? null : existing.consentBy();
        if (cells.given(CONSENT)) {
            String c = row.cell(CONSENT);
            Boolean given = switch (c) {
                case "是", "已签", "同意", "Y", "y", "1" -> Boolean.TRUE;
                case "否", "未签", "不同意", "N", "n", "0" -> Boolean.FALSE;
                default -> {
                    problems.add(new CellProblem(CONSENT, "yes-no", c));
                    yield consent;
                }
            };
            if (!given.equals(consent)) { // who consented and when belong to the consent, not to its withdrawal
                consentOn = null;
                consentBy = null;
            }
            consent = given;
        }
        List<ElderRequest.HouseholdMember> household = existing == null ? List.of() : existing.household();
        if (cells.given(HOUSEHOLD)) {
            List<ElderRequest.HouseholdMember> listed = new ArrayList<>();
            for (String part : row.cell(HOUSEHOLD).split("[、,，;；]+")) {
                if (part.isBlank()) {
                    continue;
                }
                Matcher m = MEMBER.matcher(part);
                if (!m.matches()) {
                    problems.add(new CellProblem(HOUSEHOLD, "household-format", part));
                    continue;
                }
                String name = m.group(1);
                // the sheet has no phones: a member already on file keeps theirs
                ElderRequest.HouseholdMember known = household.stream().filter(h -> h.name().equals(name))
                        .findFirst().orElse(null);
                String relation = blankToNull(m.group(2));
                listed.add(new ElderRequest.HouseholdMember(name,
                        relation != null ? relation : known == null ? null : known.relation(),
                        known == null ? null : known.phone()));
            }
            household = listed;
        }
        List<ElderRequest.EmergencyContact> contacts = existing == null ? List.of() : existing.emergencyContacts();
        if (cells.given(EMERGENCY_NAME) || cells.given(EMERGENCY_PHONE)) {
            // the sheet has room for the first contact; the others on file stay
            ElderRequest.EmergencyContact first = contacts.isEmpty() ? null : contacts.get(0);
            String name = cells.given(EMERGENCY_NAME) ? row.cell(EMERGENCY_NAME) : first == null ? "" : first.name();
            String phone = cells.given(EMERGENCY_PHONE) ? row.cell(EMERGENCY_PHONE)
                    : first == null ? "" : first.phone();
            String relation = cells.given(EMERGENCY_RELATION) ? row.cell(EMERGENCY_RELATION)
                    : first == null ? null : first.relation();
            List<ElderRequest.EmergencyContact> updated = new ArrayList<>(contacts);
            ElderRequest.EmergencyContact contact = new ElderRequest.EmergencyContact(name, phone, relation);
            if (updated.isEmpty()) {
                updated.add(contact);
            } else {
                updated.set(0, contact);
            }
            contacts = updated;
        }
        ElderRequest.Health health = existing == null ? null : existing.health();
        if (cells.given(HEALTH)) {
            ElderRequest.Health h = health; // the sheet holds notes only; the rest on file stays
            health = h == null ? new ElderRequest.Health(row.cell(HEALTH), null, null, null, null)
                    : new ElderRequest.Health(row.cell(HEALTH), h.conditions(), h.medications(), h.allergies(),
                            h.disabilityCertificate());
        }
        ElderRequest request = new ElderRequest(row.cell(NAME), row.cell(ID_NUMBER),
                cells.text(PHONE, existing == null ? null : existing.phone()), row.cell(GRID),
                cells.text(ADDRESS, existing == null ? null : existing.address()), household, categories, risk,
                contacts, cells.text(RESPONSIBLE, existing == null ? null : existing.responsibleName()),
                cells.text(RESPONSIBLE_PHONE, existing == null ? null : existing.responsiblePhone()),
                existing == null ? null : existing.responsibleUserId(),
                existing == null ? null : existing.responsibleVolunteerId(), consent, consentOn, consentBy, health,
                existing == null ? null : existing.contractorId(), null);
        return new Converted(request, problems);
    }

    /**
     * Which cells of a row say something. For a person already on file, a blank cell (like a missing column)
     * leaves the field as it is: a sheet adds and corrects, it does not erase what workers recorded.
     */
    private record Cells(SheetRow row, Set<String> present, boolean onFile) {

        boolean given(String column) {
            return present.contains(column) && !row.cell(column).isEmpty();
        }

        String text(String column, String onFileValue) {
            if (given(column)) {
                return row.cell(column);
            }
            return onFile ? onFileValue : null;
        }
    }

    /** 性别 and 出生日期 are in many sheets; they must agree with the ID number, which is the truth. */
    static List<CellProblem> agreesWithIdNumber(SheetRow row, ResidentId id) {
        List<CellProblem> problems = new ArrayList<>();
        String sex = row.cell(SEX);
        if (!sex.isEmpty() && !sex.equals(id.sex() == ResidentId.Sex.MALE ? "男" : "女")) {
            problems.add(new CellProblem(SEX, "disagrees-with-id-number", sex));
        }
        String birth = row.cell(BIRTH_DATE);
        if (!birth.isEmpty()) {
            LocalDate parsed = parseDate(birth);
            if (parsed == null || !parsed.equals(id.birthDate())) {
                problems.add(new CellProblem(BIRTH_DATE, "disagrees-with-id-number", birth));
            }
        }
        return problems;
    }

    private static LocalDate parseDate(String text) {
        String t = text.strip().replace('/', '-').replace('.', '-').replace("年", "-").replace("月", "-")
                .replace("日", "");
        if (t.matches("^[0-9]{8}$")) {
            t = t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6);
        }
        String[] p = t.split("-");
        if (p.length != 3) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
