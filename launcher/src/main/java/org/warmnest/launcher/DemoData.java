package org.warmnest.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Yuxi demo, loaded through the gateway as the people who would do it: the platform onboards 玉溪市 and the four
 * districts of the program's first phase, the bureaus set up their areas, the contractor, the program and its
 * engagements, and the contractor's staff; then a week of care ({@link DemoCareWeek}) and the money
 * ({@link DemoFunds}). Each step looks before it writes, so a second run changes nothing; when the demo's claim is
 * approved already, nothing is looked at again.
 */
final class DemoData {

    record DemoTenant(String code, String name) {
    }

    static final DemoTenant CITY = new DemoTenant("530400", "玉溪市");
    static final List<DemoDistrict> DISTRICTS = DemoDistrict.PHASE_ONE;

    private static final Duration ACTIVATION_TIMEOUT = Duration.ofSeconds(60);

    private final String gatewayUrl;
    private final String tokenUri;
    private final PrintStream out;
    private final DemoCalendar calendar = DemoCalendar.now();

    DemoData(String gatewayUrl, String tokenUri, PrintStream out) {
        this.gatewayUrl = gatewayUrl;
        this.tokenUri = tokenUri;
        this.out = out;
    }

    void load() throws IOException, InterruptedException {
        tenants();
        DemoFunds funds = new DemoFunds(this, calendar, out);
        if (funds.claimApproved()) {
            out.println("  the demo is there already: " + funds.executionLine());
            return;
        }
        for (DemoDistrict district : DISTRICTS) {
            areas(district);
        }
        String contractor = contractor();
        String program = program();
        engagements(contractor, program);
        contractorStaff(contractor);
        new DemoCareWeek(this, calendar, program, out).run();
        funds.run(contractor, program);
    }

    static final String CONTRACTOR_USCC = "53530400MJ4821657Q";
    static final String CONTRACTOR_NAME = "玉溪市暖阳社会工作服务中心";
    static final String PROGRAM_NAME = "温暖玉溪·呵护夕阳";
    /** The contractor's project supervisor (督导), a city-level account: verifies visits and claims. */
    static final String CONTRACTOR_MANAGER = "yuxi-contractor-manager";

    /** The district's street, its communities and grids, with their grid leaders (分片包干). */
    void areas(DemoDistrict district) throws IOException, InterruptedException {
        ApiClient bureau = as(district.bureauAdmin());
        String base = "/api/tenants/v1/tenants/" + district.code();
        if (!bureau.get(base + "/streets").jsonArray().isEmpty()) {
            return;
        }
        String street = id(expect(bureau.post(base + "/streets", Map.of("code", district.streetCode(),
                "name", district.streetName())), 201));
        int n = 0;
        for (int c = 0; c < district.communityNames().size(); c++) {
            String community = id(expect(bureau.post(base + "/communities", Map.of("streetId", street,
                    "code", district.communityCode(c), "name", district.communityNames().get(c))), 201));
            for (int g = 1; g <= 2; g++) {
                var grid = district.grids().get(n);
                expect(bureau.post(base + "/grids", Map.of("communityId", community, "code", grid.code(),
                        "name", grid.name(), "leaderName", district.gridLeaders().get(n),
                        "leaderPhone", "139877" + district.code().substring(3) + "0" + (n + 1))), 201);
                n++;
            }
        }
        out.println("  areas of " + district.name() + ": " + district.streetName() + ", "
                + district.communityNames().size() + " communities, " + n + " grids");
    }

    /** The contractor chosen by inquiry-comparison procurement, registered by its unified social credit code. */
    String contractor() throws IOException, InterruptedException {
        ApiClient bureau = as("yuxi-bureau-admin");
        List<Object> found = listItems(bureau.get("/api/tenants/v1/contractors?uscc=" + CONTRACTOR_USCC));
        if (!found.isEmpty()) {
            return String.valueOf(((Map<?, ?>) found.get(0)).get("id"));
        }
        String id = id(expect(bureau.post("/api/tenants/v1/contractors", Map.of("uscc", CONTRACTOR_USCC,
                "name", CONTRACTOR_NAME, "legalRepresentative", "杨晓云",
                "contacts", List.of(Map.of("name", "杨晓云", "role", "主任", "phone", "13908770001")),
                "qualifications", List.of(Map.of("name", "民办非企业单位登记证书", "number", "玉民证字第0012号",
                        "issuer", "玉溪市民政局")))), 201));
        out.println("  contractor " + CONTRACTOR_NAME + " (" + CONTRACTOR_USCC + ")");
        return id;
    }

    /** The municipal program over the four districts of phase 1. */
    String program() throws IOException, InterruptedException {
        ApiClient bureau = as("yuxi-bureau-admin");
        String base = "/api/tenants/v1/tenants/" + CITY.code() + "/programs";
        for (Object p : bureau.get(base).jsonArray()) {
            if (PROGRAM_NAME.equals(((Map<?, ?>) p).get("name"))) {
                return String.valueOf(((Map<?, ?>) p).get("id"));
            }
        }
        String id = id(expect(bureau.post(base, Map.of("name", PROGRAM_NAME, "startYear", 2025, "endYear", 2026,
                "description", "市级福彩公益金120万元，分两期服务1500名经济困难老年人；物资+评估+健康+陪伴",
                "districtCodes", DISTRICTS.stream().map(DemoDistrict::code).toList())), 201));
        out.println("  program " + PROGRAM_NAME + " 2025–2026 over 4 districts");
        return id;
    }

    /**
     * The contractor engaged for the program at the city (where its supervisor works and claims) and in each
     * district, for the term of its phase-1 contract.
     */
    void engagements(String contractor, String program) throws IOException, InterruptedException {
        ApiClient bureau = as("yuxi-bureau-admin");
        List<String> tenants = new java.util.ArrayList<>(List.of(CITY.code()));
        DISTRICTS.forEach(d -> tenants.add(d.code()));
        for (String tenant : tenants) {
            String base = "/api/tenants/v1/tenants/" + tenant + "/engagements";
            if (!bureau.get(base).jsonArray().isEmpty()) {
                continue;
            }
            expect(bureau.post(base, Map.of("contractorId", contractor, "programOwner", CITY.code(),
                    "programId", program, "startDate", calendar.termStart().toString(),
                    "endDate", calendar.termEnd().toString())), 201);
        }
        out.println("  contractor engaged at the city and in 红塔区, 通海县, 华宁县, 峨山县 from " + calendar.termStart() + " to "
                + calendar.termEnd());
    }

    /**
     * The contractor's staff, created as a bureau does: through tenant-service, which puts them in the contractor's
     * group in Keycloak so that their tokens carry the contractor. Its supervisor at the city (verifies visits in
     * every district, claims), a manager and a care worker in 红塔区, a care worker in each other district.
     */
    void contractorStaff(String contractor) throws IOException, InterruptedException {
        createUser("yuxi-bureau-admin", CITY.code(), CONTRACTOR_MANAGER, "contractor-manager", "赵", "明", contractor);
        for (DemoDistrict district : DISTRICTS) {
            if (district.prefix().equals("hongta")) {
                createUser(district.bureauAdmin(), district.code(), "hongta-contractor-manager",
                        "contractor-manager", "杨", "晓云", contractor);
            }
            createUser(district.bureauAdmin(), district.code(), district.careWorker(), "care-worker",
                    district.careWorkerSurname(), district.careWorkerGivenName(), contractor);
        }
        out.println("  contractor staff: " + CONTRACTOR_MANAGER + " (the city), hongta-contractor-manager, and a care"
                + " worker in each district");
    }

    private void createUser(String bureauAdmin, String tenant, String username, String role, String lastName,
            String firstName, String contractor) throws IOException, InterruptedException {
        // the product gives a temporary (generated) password; the demo then sets its own, as the operator could
        ApiClient.Response r = as(bureauAdmin).post("/api/tenants/v1/tenants/" + tenant + "/users", Map.of(
                "username", username, "role", role, "lastName", lastName, "firstName", firstName,
                "contractorId", contractor));
        if (r.status() == 409 && r.body().contains("user-exists")) {
            return;
        }
        expect(r, 201);
        new DemoPasswords(tokenUri).setPermanent(username, DemoUsers.PASSWORD);
    }

    static ApiClient.Response expect(ApiClient.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("demo step failed: HTTP " + r.status() + " " + r.abbreviated());
        }
        return r;
    }

    static String id(ApiClient.Response r) {
        return String.valueOf(r.json().get("id"));
    }

    static List<Object> listItems(ApiClient.Response r) {
        Object items = expect(r, 200).json().get("items");
        return items instanceof List<?> list ? List.copyOf(list) : List.of();
    }

    /** 玉溪市 and four of its districts, onboarded by the platform admin; the city first, as districts need it. */
    void tenants() throws IOException, InterruptedException {
        TenantDirectory directory = new TenantDirectory(as("platform-admin"));
        if (directory.status(CITY.code()).filter(TenantDirectory.ACTIVE::equals).isPresent()
                && allActive(directory)) {
            out.println("Demo tenants are there already.");
            return;
        }
        ensure(directory, CITY);
        for (DemoDistrict district : DISTRICTS) {
            ensure(directory, new DemoTenant(district.code(), district.name()));
        }
    }

    private boolean allActive(TenantDirectory directory) throws IOException, InterruptedException {
        for (DemoDistrict district : DISTRICTS) {
            if (directory.status(district.code()).filter(TenantDirectory.ACTIVE::equals).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private void ensure(TenantDirectory directory, DemoTenant tenant) throws IOException, InterruptedException {
        if (directory.status(tenant.code()).isEmpty()) {
            directory.create(tenant.code(), tenant.name());
        }
        directory.awaitActive(tenant.code(), ACTIVATION_TIMEOUT);
        out.println("  tenant " + tenant.code() + " " + tenant.name() + " is ACTIVE");
    }

    /** A client of the demo user; each holds its own token, so threads of the demo may share one. */
    ApiClient as(String username) {
        return new ApiClient(gatewayUrl, tokenUri, username);
    }
}
