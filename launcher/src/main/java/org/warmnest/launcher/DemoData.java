package org.warmnest.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo a fresh local run starts with, loaded through the gateway as the demo users would. One method per
 * step, each safe to run again; add areas, contractors and programs as steps of their own, in {@link #load()}.
 */
final class DemoData {

    record DemoTenant(String code, String name) {
    }

    static final DemoTenant CITY = new DemoTenant("530400", "玉溪市");
    static final List<DemoTenant> DISTRICTS = List.of(new DemoTenant("530402", "红塔区"),
            new DemoTenant("530423", "通海县"), new DemoTenant("530424", "华宁县"), new DemoTenant("530426", "峨山县"));

    private static final Duration ACTIVATION_TIMEOUT = Duration.ofSeconds(60);

    private final String gatewayUrl;
    private final String tokenUri;
    private final PrintStream out;

    DemoData(String gatewayUrl, String tokenUri, PrintStream out) {
        this.gatewayUrl = gatewayUrl;
        this.tokenUri = tokenUri;
        this.out = out;
    }

    void load() throws IOException, InterruptedException {
        tenants();
        areas();
        String contractor = contractor();
        String program = program();
        engagements(contractor, program);
        contractorStaff(contractor);
        elders();
        allocation();
    }

    static final String CONTRACTOR_USCC = "53530400MJ4821657Q";
    static final String PROGRAM_NAME = "温暖玉溪·呵护夕阳";
    static final String ALLOCATION_DOCUMENT = "玉民发〔2025〕12号";

    /** 红塔区's first street, its communities and grids, with their grid leaders (分片包干). */
    void areas() throws IOException, InterruptedException {
        ApiClient bureau = as("hongta-bureau-admin");
        String base = "/api/tenants/v1/tenants/530402";
        if (!bureau.get(base + "/streets").jsonArray().isEmpty()) {
            return;
        }
        String street = id(expect(bureau.post(base + "/streets", Map.of("code", "530402001", "name", "玉兴街道")), 201));
        String[][] communities = { { "530402001001", "北苑社区" }, { "530402001002", "东苑社区" } };
        int n = 0;
        for (String[] c : communities) {
            String community = id(expect(bureau.post(base + "/communities",
                    Map.of("streetId", street, "code", c[0], "name", c[1])), 201));
            for (int g = 1; g <= 2; g++) {
                n++;
                expect(bureau.post(base + "/grids", Map.of("communityId", community, "code", c[0] + "-" + g,
                        "name", c[1] + "第" + g + "网格", "leaderName", GRID_LEADERS[n - 1],
                        "leaderPhone", "1398771000" + n)), 201);
            }
        }
        out.println("  areas of 红塔区: 1 street, 2 communities, 4 grids");
    }

    private static final String[] GRID_LEADERS = { "李春梅", "王建华", "张丽琼", "赵国富" };

    /** The contractor chosen by inquiry-comparison procurement, registered by its unified social credit code. */
    String contractor() throws IOException, InterruptedException {
        ApiClient bureau = as("yuxi-bureau-admin");
        List<Object> found = listItems(bureau.get("/api/tenants/v1/contractors?uscc=" + CONTRACTOR_USCC));
        if (!found.isEmpty()) {
            return String.valueOf(((Map<?, ?>) found.get(0)).get("id"));
        }
        String id = id(expect(bureau.post("/api/tenants/v1/contractors", Map.of("uscc", CONTRACTOR_USCC,
                "name", "玉溪市暖阳社会工作服务中心", "legalRepresentative", "杨晓云",
                "contacts", List.of(Map.of("name", "杨晓云", "role", "主任", "phone", "13908770001")),
                "qualifications", List.of(Map.of("name", "民办非企业单位登记证书", "number", "玉民证字第0012号",
                        "issuer", "玉溪市民政局")))), 201));
        out.println("  contractor 玉溪市暖阳社会工作服务中心 (" + CONTRACTOR_USCC + ")");
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
                "districtCodes", DISTRICTS.stream().map(DemoTenant::code).toList())), 201));
        out.println("  program " + PROGRAM_NAME + " 2025–2026 over 4 districts");
        return id;
    }

    /** The contractor engaged for the program in each district. */
    void engagements(String contractor, String program) throws IOException, InterruptedException {
        ApiClient bureau = as("yuxi-bureau-admin");
        for (DemoTenant district : DISTRICTS) {
            String base = "/api/tenants/v1/tenants/" + district.code() + "/engagements";
            if (!bureau.get(base).jsonArray().isEmpty()) {
                continue;
            }
            expect(bureau.post(base, Map.of("contractorId", contractor, "programOwner", CITY.code(),
                    "programId", program, "startDate", "2025-03-01", "endDate", "2026-02-28")), 201);
        }
        out.println("  contractor engaged in 红塔区, 通海县, 华宁县, 峨山县");
    }

    /**
     * The contractor's manager and a care worker in 红塔区, created as a bureau does: through tenant-service, which
     * puts them in the contractor's group in Keycloak so that their tokens carry the contractor.
     */
    void contractorStaff(String contractor) throws IOException, InterruptedException {
        ApiClient bureau = as("hongta-bureau-admin");
        String base = "/api/tenants/v1/tenants/530402/users";
        String[][] staff = { { "hongta-contractor-manager", "contractor-manager", "杨", "晓云" },
                { "hongta-care-worker", "care-worker", "普", "丽萍" } };
        for (String[] s : staff) {
            ApiClient.Response r = bureau.post(base, Map.of("username", s[0], "role", s[1], "lastName", s[2],
                    "firstName", s[3], "contractorId", contractor, "password", DemoUsers.PASSWORD,
                    "temporaryPassword", false));
            if (r.status() != 201 && !(r.status() == 409 && r.body().contains("user-exists"))) {
                expect(r, 201);
            }
        }
        out.println("  contractor staff in 红塔区: hongta-contractor-manager, hongta-care-worker");
    }

    static final int DEMO_ELDERS = 200;

    /**
     * 红塔区's elders, made up by the synthetic generator and imported by the contractor's manager through the
     * import API, as a bureau's spreadsheet would be (a second import would change nothing).
     */
    void elders() throws IOException, InterruptedException {
        ApiClient manager = as("hongta-contractor-manager");
        String base = "/api/care/v1/tenants/530402/elders";
        if (!listItems(manager.get(base + "?size=1")).isEmpty()) {
            return;
        }
        List<org.warmnest.synthetic.GridRef> grids = new java.util.ArrayList<>();
        String[][] communities = { { "530402001001", "北苑社区" }, { "530402001002", "东苑社区" } };
        for (String[] c : communities) {
            for (int g = 1; g <= 2; g++) {
                grids.add(new org.warmnest.synthetic.GridRef(c[0] + "-" + g, c[1] + "第" + g + "网格", c[1], "玉兴街道"));
            }
        }
        var elders = new org.warmnest.synthetic.SyntheticElders(530402, "530402",
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")), grids).generate(DEMO_ELDERS);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        org.warmnest.synthetic.SyntheticElders.writeXlsx(elders, file);
        ApiClient.Response r = expect(manager.postFile(base + "/import", "hongta-elders.xlsx", file.toByteArray()),
                200);
        out.println("  elders of 红塔区: " + r.json().get("created") + " imported from a spreadsheet");
    }

    /** 1.2 million yuan of municipal welfare-lottery fund. */
    void allocation() throws IOException, InterruptedException {
        ApiClient finance = as("yuxi-finance-officer");
        String base = "/api/billing/v1/tenants/" + CITY.code() + "/allocations";
        if (!listItems(finance.get(base)).isEmpty()) {
            return;
        }
        expect(finance.post(base, Map.of("source", "MUNICIPAL_LOTTERY", "fiscalYear", 2025,
                "documentNumber", ALLOCATION_DOCUMENT, "purpose", PROGRAM_NAME + "：经济困难老年人关爱服务",
                "amount", "1200000.00")), 201);
        out.println("  allocation ¥1,200,000.00 of municipal welfare-lottery fund (" + ALLOCATION_DOCUMENT + ")");
    }

    private static ApiClient.Response expect(ApiClient.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("demo step failed: HTTP " + r.status() + " " + r.abbreviated());
        }
        return r;
    }

    private static String id(ApiClient.Response r) {
        return String.valueOf(r.json().get("id"));
    }

    private static List<Object> listItems(ApiClient.Response r) {
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
        for (DemoTenant district : DISTRICTS) {
            ensure(directory, district);
        }
    }

    private boolean allActive(TenantDirectory directory) throws IOException, InterruptedException {
        for (DemoTenant district : DISTRICTS) {
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

    private ApiClient as(String username) {
        return new ApiClient(gatewayUrl, tokenUri, username);
    }
}
