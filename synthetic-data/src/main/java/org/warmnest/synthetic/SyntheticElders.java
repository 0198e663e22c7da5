package org.warmnest.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A reproducible source of believable elders of one district: the same seed, district, date and grids give the
 * same elders in the same order. Not thread-safe; one instance never repeats an ID number.
 */
public final class SyntheticElders {

    /** The columns of the files bureaus exchange, in this order. */
    public static final List<String> HEADERS = List.of("姓名", "身份证号", "性别", "出生日期", "联系电话", "网格代码",
            "居住地址", "人员类别", "风险等级", "责任人", "责任人电话", "紧急联系人", "紧急联系人电话", "紧急联系人关系",
            "同住人员", "知情同意", "健康状况");

    static final String HIGH_RISK = "高风险";
    static final String WATCH = "重点关注";
    static final String ORDINARY = "一般";

    /**
     * Who the elder lives with. The shares are chosen so that, once every elder has a reason to be on a roster,
     * the categories come out near the shares community surveys report (空巢 ~40 %, 独居 ~25 %, 纯老 ~15 % …).
     */
    private enum Household {
        ALONE_NO_CHILDREN(3, 0.25),
        ALONE(22, 0.085),
        ELDERS_ONLY(15, 0.085),
        COUPLE(30, 0.085),
        LEFT_BEHIND(8, 0.085),
        // The oldest and the disabled live with their children, so this household is older than the others.
        WITH_FAMILY(22, 0.45);

        final double share;
        final double agedEightyPlus;

        Household(double share, double agedEightyPlus) {
            this.share = share;
            this.agedEightyPlus = agedEightyPlus;
        }
    }

    private static final Weighted<Household> HOUSEHOLDS = new Weighted<>(Household.values(),
            Stream.of(Household.values()).mapToDouble(h -> h.share).toArray());
    // Five-year bands from the 2020 census, uniform within a band.
    private static final Weighted<Integer> BAND_UNDER_80 =
            new Weighted<>(new Integer[]{60, 65, 70, 75}, new double[]{28, 26, 20, 12});
    private static final Weighted<Integer> BAND_80_PLUS =
            new Weighted<>(new Integer[]{80, 85, 90, 95}, new double[]{8, 4.5, 1.2, 0.3});
    private static final String[] PHONE_PREFIXES = {"130", "131", "132", "133", "134", "135", "136", "137", "138",
            "139", "150", "151", "152", "153", "155", "156", "157", "158", "159", "177", "180", "181", "182", "183",
            "187", "188", "189", "199"};
    private static final String[] ROADS = {"凤凰路", "珊瑚路", "红塔大道", "东风路", "人民路", "建设路", "文化路", "解放路",
            "聂耳路", "北苑路", "南苑路", "玉兴路", "棋阳路", "龙马路", "学府路", "红旗路", "新华路", "兴园路", "明珠路", "康井路"};
    private static final String[] CHRONIC = {"高血压", "糖尿病", "冠心病", "慢性阻塞性肺疾病", "骨关节炎", "白内障", "听力下降",
            "骨质疏松", "慢性胃炎", "腰椎间盘突出"};
    private static final String[] DISABLED = {"长期卧床，生活不能自理", "脑梗后遗症，一侧肢体偏瘫", "阿尔茨海默病，需专人看护",
            "行动不便，依靠轮椅", "帕金森病，行走困难"};
    private static final String[] SEVERELY_HANDICAPPED = {"肢体一级残疾", "肢体二级残疾", "视力一级残疾", "视力二级残疾",
            "精神二级残疾"};

    private record Person(String name, String phone) {
    }

    private final SplittableRandom random;
    private final String districtCode;
    private final LocalDate today;
    private final List<GridRef> grids;
    private final Map<String, List<Person>> responsibleByGrid = new HashMap<>();
    private final Map<String, String[]> roadsByCommunity = new HashMap<>();
    private final Names names = new Names();
    private final Set<String> idNumbers = new HashSet<>();
    private final Set<String> phones = new HashSet<>();

    public SyntheticElders(long seed, String districtCode, LocalDate today, List<GridRef> grids) {
        if (districtCode == null || !districtCode.matches("\\d{6}")) {
            throw new IllegalArgumentException("district code must be 6 digits: " + districtCode);
        }
        if (grids == null || grids.isEmpty()) {
            throw new IllegalArgumentException("at least one grid");
        }
        this.random = new SplittableRandom(seed);
        this.districtCode = districtCode;
        this.today = Objects.requireNonNull(today, "today");
        this.grids = List.copyOf(grids);
        for (GridRef grid : this.grids) {
            List<Person> workers = new ArrayList<>();
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                workers.add(new Person(adultName(names.surname(random), random.nextDouble() < 0.6), newPhone()));
            }
            responsibleByGrid.put(grid.code(), workers);
        }
    }

    public List<SyntheticElder> generate(int count) {
        List<SyntheticElder> elders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            elders.add(next());
        }
        return elders;
    }

    /** An endless stream; limit it. */
    public Stream<SyntheticElder> stream() {
        return Stream.generate(this::next);
    }

    public SyntheticElder next() {
        Household household = HOUSEHOLDS.pick(random);
        boolean eightyPlus = random.nextDouble() < household.agedEightyPlus;
        int band = (eightyPlus ? BAND_80_PLUS : BAND_UNDER_80).pick(random);
        int age = band + random.nextInt(band == 95 ? 6 : 5);
        LocalDate birthDate = birthDateAt(age);

        double femaleShare = 0.53 + (eightyPlus ? 0.07 : 0)
                + (household == Household.ALONE || household == Household.ALONE_NO_CHILDREN ? 0.1 : 0);
        boolean female = random.nextDouble() < femaleShare;
        String surname = names.surname(random);
        String name = surname + names.elderGivenName(random, female, birthDate.getYear());
        // Children carry the father's surname.
        String familySurname = female ? names.surname(random) : surname;

        List<String> categories = categories(household, age);
        GridRef grid = grids.get(random.nextInt(grids.size()));
        List<Person> workers = responsibleByGrid.get(grid.code());
        Person responsible = workers.get(random.nextInt(workers.size()));
        String[] emergency = emergencyContact(household, surname, familySurname, female);

        return new SyntheticElder(name, idNumber(birthDate, female), female ? "女" : "男", birthDate, newPhone(),
                grid.code(), address(grid), categories, riskTier(categories, age), responsible.name(),
                responsible.phone(), emergency[0], newPhone(), emergency[1],
                householdMembers(household, age, female, surname, familySurname, birthDate.getYear()),
                random.nextDouble() < 0.93, healthNotes(categories));
    }

    public static void writeCsv(List<SyntheticElder> elders, OutputStream out) throws IOException {
        ElderSheets.writeCsv(elders, out);
    }

    public static void writeXlsx(List<SyntheticElder> elders, OutputStream out) throws IOException {
        ElderSheets.writeXlsx(elders, out);
    }

    private LocalDate birthDateAt(int age) {
        LocalDate latest = today.minusYears(age);
        LocalDate earliest = today.minusYears(age + 1L).plusDays(1);
        LocalDate birthDate = earliest.plusDays(random.nextLong(latest.toEpochDay() - earliest.toEpochDay() + 1));
        assert Period.between(birthDate, today).getYears() == age;
        return birthDate;
    }

    private String idNumber(LocalDate birthDate, boolean female) {
        String prefix = districtCode + String.format("%04d%02d%02d", birthDate.getYear(), birthDate.getMonthValue(),
                birthDate.getDayOfMonth());
        while (true) {
            // 001-999: odd for men, even for women.
            int sequence = female ? 2 + 2 * random.nextInt(499) : 1 + 2 * random.nextInt(500);
            String first17 = prefix + String.format("%03d", sequence);
            String id = first17 + IdNumbers.checkCharacter(first17);
            if (idNumbers.add(id)) {
                return id;
            }
        }
    }

    private String newPhone() {
        while (true) {
            String phone = Names.pick(random, PHONE_PREFIXES) + String.format("%08d", random.nextInt(100_000_000));
            if (phones.add(phone)) {
                return phone;
            }
        }
    }

    private List<String> categories(Household household, int age) {
        List<String> categories = new ArrayList<>(4);
        boolean disabled = false;
        boolean lowIncome = false;
        boolean destitute = false;
        boolean handicapped = false;
        if (age >= 80) {
            categories.add("高龄");
        }
        switch (household) {
            case ALONE_NO_CHILDREN -> {
                categories.add("独居");
                categories.add("孤老");
                destitute = random.nextDouble() < 0.6;
                lowIncome = !destitute && random.nextDouble() < 0.25;
            }
            case ALONE -> {
                categories.add("独居");
                if (random.nextDouble() < 0.3) {
                    categories.add("空巢");
                }
                destitute = random.nextDouble() < 0.05;
            }
            case ELDERS_ONLY -> {
                categories.add("纯老");
                if (random.nextDouble() < 0.25) {
                    categories.add("空巢");
                }
            }
            case COUPLE -> categories.add("空巢");
            case LEFT_BEHIND -> categories.add("留守");
            case WITH_FAMILY -> {
                if (age < 80) {
                    // Only a need puts someone who lives with family on the roster.
                    double need = random.nextDouble();
                    disabled = need < 0.5;
                    lowIncome = need >= 0.5 && need < 0.9;
                    handicapped = need >= 0.9;
                } else {
                    disabled = random.nextDouble() < 0.3;
                    lowIncome = random.nextDouble() < 0.08;
                    handicapped = random.nextDouble() < 0.03;
                }
            }
        }
        if (household != Household.WITH_FAMILY) {
            disabled = random.nextDouble() < 0.013;
            lowIncome |= !destitute && random.nextDouble() < 0.031;
            handicapped = random.nextDouble() < 0.01;
        }
        if (household != Household.WITH_FAMILY && household != Household.LEFT_BEHIND
                && random.nextDouble() < 0.014) {
            categories.add("计生特殊家庭");
        }
        if (lowIncome) {
            categories.add("低保");
        }
        if (destitute) {
            categories.add("特困");
        }
        if (disabled) {
            categories.add("失能");
        }
        if (handicapped) {
            categories.add("重残");
        }
        return categories;
    }

    private String riskTier(List<String> categories, int age) {
        double score = 0;
        for (String category : categories) {
            score += switch (category) {
                case "失能" -> 3;
                case "独居", "重残" -> 2;
                case "高龄" -> age >= 90 ? 2.5 : 1.5;
                case "孤老", "特困", "纯老" -> 1;
                default -> 0.5;
            };
        }
        double draw = random.nextDouble();
        if (score >= 3.5) {
            return draw < 0.8 ? HIGH_RISK : WATCH;
        }
        if (score >= 2.5) {
            return draw < 0.15 ? HIGH_RISK : draw < 0.75 ? WATCH : ORDINARY;
        }
        return draw < 0.15 ? WATCH : ORDINARY;
    }

    private String address(GridRef grid) {
        String community = grid.communityName();
        String[] roads = roadsByCommunity.computeIfAbsent(community, c -> {
            String[] chosen = new String[2 + random.nextInt(2)];
            for (int i = 0; i < chosen.length; i++) {
                chosen[i] = Names.pick(random, ROADS);
            }
            return chosen;
        });
        if (community.endsWith("村")) {
            return community + (1 + random.nextInt(12)) + "组" + (1 + random.nextInt(80)) + "号";
        }
        // Elders live low: stairs.
        int floor = 1 + Math.min(random.nextInt(7), random.nextInt(7));
        return grid.streetName() + community + Names.pick(random, roads) + (1 + random.nextInt(200)) + "号"
                + (1 + random.nextInt(20)) + "栋" + (1 + random.nextInt(4)) + "单元" + floor + "0"
                + (1 + random.nextInt(4)) + "室";
    }

    /** Name and relation; the emergency contact lives elsewhere unless there is nobody else. */
    private String[] emergencyContact(Household household, String surname, String familySurname, boolean female) {
        if (household == Household.ALONE_NO_CHILDREN) {
            return switch (random.nextInt(5)) {
                case 0 -> new String[]{adultName(female ? names.surname(random) : surname, false), "侄子"};
                case 1 -> new String[]{adultName(female ? names.surname(random) : surname, true), "侄女"};
                case 2 -> new String[]{adultName(names.surname(random), false), "外甥"};
                default -> new String[]{adultName(names.surname(random), random.nextBoolean()), "邻居"};
            };
        }
        boolean daughter = random.nextDouble() < 0.45;
        return new String[]{adultName(familySurname, daughter), daughter ? "女儿" : "儿子"};
    }

    private String householdMembers(Household household, int age, boolean female, String surname,
                                    String familySurname, int birthYear) {
        List<String> members = new ArrayList<>(4);
        switch (household) {
            case ALONE_NO_CHILDREN, ALONE -> {
                return "";
            }
            case ELDERS_ONLY -> {
                double draw = random.nextDouble();
                if (age >= 85 && draw < 0.3) {
                    boolean daughter = random.nextBoolean();
                    members.add(member(adultName(familySurname, daughter), daughter ? "女儿" : "儿子"));
                } else if (draw < 0.85) {
                    members.add(spouse(female, surname, familySurname, birthYear));
                } else {
                    boolean sister = random.nextBoolean();
                    members.add(member(surname + names.elderGivenName(random, sister, birthYear), sister ? "姐妹" : "兄弟"));
                }
            }
            case COUPLE -> members.add(spouse(female, surname, familySurname, birthYear));
            case LEFT_BEHIND -> {
                if (random.nextDouble() < 0.6) {
                    members.add(spouse(female, surname, familySurname, birthYear));
                }
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    boolean girl = random.nextBoolean();
                    members.add(member(familySurname + names.grandchildGivenName(random, girl), girl ? "孙女" : "孙子"));
                }
            }
            case WITH_FAMILY -> {
                if (age < 85 && random.nextDouble() < 0.4) {
                    members.add(spouse(female, surname, familySurname, birthYear));
                }
                boolean daughter = random.nextDouble() < 0.3;
                String inLawSurname = names.surname(random);
                String childSurname = daughter ? inLawSurname : familySurname;
                members.add(member(adultName(familySurname, daughter), daughter ? "女儿" : "儿子"));
                if (random.nextDouble() < 0.8) {
                    members.add(member(adultName(inLawSurname, !daughter), daughter ? "女婿" : "儿媳"));
                }
                if (random.nextDouble() < 0.5) {
                    boolean girl = random.nextBoolean();
                    members.add(member(childSurname + names.grandchildGivenName(random, girl), girl ? "孙女" : "孙子"));
                }
            }
        }
        return String.join("、", members);
    }

    private String spouse(boolean elderFemale, String surname, String familySurname, int birthYear) {
        String spouseSurname = elderFemale ? familySurname : names.surname(random);
        int spouseBirthYear = birthYear + random.nextInt(7) - (elderFemale ? 4 : 2);
        return member(spouseSurname + names.elderGivenName(random, !elderFemale, spouseBirthYear), "配偶");
    }

    private String healthNotes(List<String> categories) {
        List<String> notes = new ArrayList<>(3);
        if (categories.contains("失能")) {
            notes.add(Names.pick(random, DISABLED));
        }
        if (categories.contains("重残")) {
            notes.add(Names.pick(random, SEVERELY_HANDICAPPED));
        }
        int chronic = random.nextInt(3);
        for (int i = 0; i < chronic; i++) {
            String condition = Names.pick(random, CHRONIC);
            if (!notes.contains(condition)) {
                notes.add(condition);
            }
        }
        return notes.isEmpty() ? (random.nextBoolean() ? "身体状况良好" : "基本健康") : String.join("；", notes);
    }

    private String adultName(String surname, boolean female) {
        return surname + names.childGivenName(random, female);
    }

    private static String member(String name, String relation) {
        return name + "(" + relation + ")";
    }
}
