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
        List<CellProblem> problems = new ArrayList<>();
        if (row.numericCells().contains(ID_NUMBER)) {
            problems.add(new CellProblem(ID_NUMBER, "id-number-stored-as-number"));
        }
        List<Category> categories = null;
        if (present.contains(CATEGORIES)) {
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
        RiskTier risk = RiskTier.GENERAL;
        if (present.contains(RISK) && !row.cell(RISK).isEmpty()) {
            risk = RiskTier.byLabel(row.cell(RISK));
            if (risk == null) {
                problems.add(new CellProblem(RISK, "risk-unknown", row.cell(RISK)));
            }
        } else if (!present.contains(RISK) && existing != null) {
            risk = existing.riskTier();
        }
        Boolean consent = Boolean.FALSE;
        if (present.contains(CONSENT)) {
            String c = row.cell(CONSENT);
            consent = switch (c) {
                case "是", "已签", "同意", "Y", "y", "1" -> Boolean.TRUE;
                case "否", "未签", "不同意", "", "N", "n", "0" -> Boolean.FALSE;
                default -> {
                    problems.add(new CellProblem(CONSENT, "yes-no", c));
                    yield Boolean.FALSE;
                }
            };
        } else if (existing != null) {
            consent = existing.consentGiven();
        }
        List<ElderRequest.HouseholdMember> household = existing == null ? List.of() : existing.household();
        if (present.contains(HOUSEHOLD)) {
            household = new ArrayList<>();
            for (String part : row.cell(HOUSEHOLD).split("[、,，;；]+")) {
                if (part.isBlank()) {
                    continue;
                }
                Matcher m = MEMBER.matcher(part);
                if (!m.matches()) {
                    problems.add(new CellProblem(HOUSEHOLD, "household-format", part));
                    continue;
                }
                household.add(new ElderRequest.HouseholdMember(m.group(1), blankToNull(m.group(2)), null));
            }
        }
        List<ElderRequest.EmergencyContact> contacts = existing == null ? List.of() : existing.emergencyContacts();
        if (present.contains(EMERGENCY_NAME) || present.contains(EMERGENCY_PHONE)) {
            String name = row.cell(EMERGENCY_NAME);
            String phone = row.cell(EMERGENCY_PHONE);
            if (name.isEmpty() && phone.isEmpty()) {
                contacts = List.of();
            } else {
                contacts = List.of(new ElderRequest.EmergencyContact(name, phone,
                        blankToNull(row.cell(EMERGENCY_RELATION))));
            }
        }
        ElderRequest.Health health = existing == null ? null : existing.health();
        if (present.contains(HEALTH)) {
            String notes = row.cell(HEALTH);
            health = notes.isEmpty() ? null : new ElderRequest.Health(notes, null, null, null, null);
            if (health != null && existing != null && existing.health() != null) {
                ElderRequest.Health h = existing.health(); // the sheet holds notes only; keep the rest
                health = new ElderRequest.Health(notes, h.conditions(), h.medications(), h.allergies(),
                        h.disabilityCertificate());
            }
        }
        ElderRequest request = new ElderRequest(row.cell(NAME), row.cell(ID_NUMBER),
                pick(row, present, PHONE, existing == null ? null : existing.phone()),
                row.cell(GRID),
                pick(row, present, ADDRESS, existing == null ? null : existing.address()),
                household, categories == null ? (existing == null ? List.of() : existing.categories()) : categories,
                risk, contacts,
                pick(row, present, RESPONSIBLE, existing == null ? null : existing.responsibleName()),
                pick(row, present, RESPONSIBLE_PHONE, existing == null ? null : existing.responsiblePhone()),
                existing == null ? null : existing.responsibleUserId(),
                existing == null ? null : existing.responsibleVolunteerId(),
                consent,
                existing == null ? null : existing.consentOn(),
                existing == null ? null : existing.consentBy(),
                health, null);
        return new Converted(request, problems);
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

    private static String pick(SheetRow row, Set<String> present, String column, String existing) {
        return present.contains(column) ? blankToNull(row.cell(column)) : existing;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
