package org.warmnest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.warmnest.launcher.Stack;

/**
 * Tries every way in, on the real Keycloak, the real gateway and the three services started from their jars.
 * The operations come from the services' own OpenAPI documents, so an endpoint added later is attacked without
 * anyone remembering to; the suite prints how many operation × identity pairs it tried and how many leaked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuritySuiteIT {

    static final String CITY = "530400"; // 玉溪市
    static final String VICTIM = "530402"; // 红塔区: the data everyone else tries to reach
    static final String OTHER_DISTRICT = "530424"; // 华宁县
    static final String SUSPENDED = "530423"; // 通海县, suspended during the suite
    static final String OTHER_CITY = "530300"; // 曲靖市
    static final String USCC_A = "53530400MJ4821657Q";
    static final String USCC_B = "52530400MJ00000021";

    Stack stack;
    Tokens tokens;
    String gateway;
    String contractorA;
    String contractorB;
    String engagementB;
    final Map<String, String> created = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        stack = Stack.start(Path.of("target", "stack"), Map.of());
        gateway = stack.gatewayUrl();
        tokens = new Tokens(stack.keycloak(), stack.adminPassword());
        tokens.installSuiteKey();
        setUpTheStory();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Tenants, two contractors engaged in 红塔区, and their staff, created as the bureaus would. */
    void setUpTheStory() throws Exception {
        String platform = tokens.of("platform-admin");
        onboard(platform, CITY, "玉溪市");
        onboard(platform, OTHER_CITY, "曲靖市");
        String yuxi = tokens.of("yuxi-bureau-admin");
        for (String[] d : new String[][] { { VICTIM, "红塔区" }, { SUSPENDED, "通海县" }, { OTHER_DISTRICT, "华宁县" } }) {
            onboard(yuxi, d[0], d[1]);
        }
        contractorA = contractor(yuxi, USCC_A, "玉溪市暖阳社会工作服务中心");
        contractorB = contractor(yuxi, USCC_B, "玉溪市康乐为老服务中心");
        String program = id(expect(Http.post(gateway + "/api/tenants/v1/tenants/" + CITY + "/programs", yuxi, """
                {"name":"温暖玉溪·呵护夕阳","startYear":2025,"endYear":2026,"districtCodes":["530402","530423"]}"""),
                201));
        String engage = """
                {"contractorId":"%s","programOwner":"530400","programId":"%s","startDate":"2025-03-01"}""";
        expect(Http.post(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/engagements", yuxi,
                engage.formatted(contractorA, program)), 201);
        engagementB = id(expect(Http.post(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/engagements", yuxi,
                engage.formatted(contractorB, program)), 201));

        String hongta = tokens.of("hongta-bureau-admin");
        user(hongta, VICTIM, "a-manager", "contractor-manager", contractorA);
        user(hongta, VICTIM, "a-worker", "care-worker", contractorA);
        user(hongta, VICTIM, "b-manager", "contractor-manager", contractorB);
        user(hongta, VICTIM, "leaver", "volunteer", null);
        user(platform, OTHER_CITY, "qujing-auditor", "auditor", null);
    }

    // ---- the realm ----------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void tokensCarryTheClaimContractAndLiveFiveMinutesAtMost() throws Exception {
        Map<String, Object> claims = Tokens.payload(tokens.of("a-worker"));
        assertThat(claims).containsEntry("tenant", VICTIM).containsEntry("contractor", contractorA)
                .containsEntry("iss", stack.keycloak().issuer());
        assertThat(claims.get("aud").toString()).contains("warmnest-api");
        assertThat(claims.get("realm_access").toString()).contains("care-worker");
        long lifetime = ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue();
        assertThat(lifetime).isLessThanOrEqualTo(300);
        assertThat(Tokens.payload(tokens.of("platform-admin"))).doesNotContainKey("tenant");
    }

    @Test
    @Order(1)
    void oneTimeCodeIsRequiredForAdministratorsAndFinanceOnly() throws Exception {
        for (String user : List.of("platform-admin", "yuxi-bureau-admin", "yuxi-finance-officer")) {
            Http.Response refused = tokens.loginWithoutOtp(user);
            assertThat(refused.status()).as(user).isIn(400, 401);
            assertThat(refused.body()).contains("invalid_grant");
        }
        assertThat(tokens.loginWithoutOtp("yuxi-auditor").status()).isEqualTo(200);
        assertThat(tokens.loginWithoutOtp("hongta-volunteer").status()).isEqualTo(200);
    }

    // ---- every operation × every identity that must be refused -------------------------------------------

    record Operation(String service, String method, String path, boolean tenantScoped, String contentType) {

        boolean writes() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        /** Service-to-service endpoints: never routed by the gateway, service credentials only at the service. */
        boolean internal() {
            return path.startsWith("/internal/");
        }
    }

    record Refusal(String identity, Set<Integer> statuses, Set<String> codes) {
    }

    @Test
    @Order(2)
    void noOperationLeaksToAnyoneItMustNot() throws Exception {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(30);

        // Identities refused whatever the operation: no or bad credentials.
        Map<String, String> unauthenticated = new LinkedHashMap<>();
        String real = tokens.of("hongta-auditor");
        unauthenticated.put("no token", null);
        unauthenticated.put("expired", tokens.sign(tokens.claims(VICTIM, "bureau-admin")
                .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(10)))).build()));
        unauthenticated.put("not yet valid", tokens.sign(tokens.claims(VICTIM, "bureau-admin")
                .notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))).build()));
        unauthenticated.put("wrong issuer", tokens.sign(tokens.claims(VICTIM, "bureau-admin")
                .issuer("http://127.0.0.1:1/realms/warmnest").build()));
        unauthenticated.put("wrong audience", tokens.sign(tokens.claims(VICTIM, "bureau-admin")
                .audience("account").build()));
        unauthenticated.put("no expiry", tokens.sign(tokens.claims(VICTIM, "bureau-admin")
                .expirationTime(null).build()));
        unauthenticated.put("other realm", tokens.ofMasterRealm());
        unauthenticated.put("realm token without the API audience", tokens.withoutApiAudience("hongta-auditor"));
        unauthenticated.put("alg none", Tokens.unsigned(real));
        unauthenticated.put("HS256 with the public key", tokens.hmacWithPublicKey(real));
        unauthenticated.put("tampered payload", Tokens.tampered(real, CITY));
        unauthenticated.put("garbage", "not.a.jwt");

        // A user disabled by its bureau: refused at once, with the token it already holds.
        String leaver = tokens.of("leaver");
        assertThat(Http.get(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/streets", leaver).status())
                .isIn(200, 403);
        expect(Http.post(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/users/" + created.get("leaver")
                + "/disable", tokens.of("hongta-bureau-admin"), null), 200);
        unauthenticated.put("disabled user", leaver);

        // Identities with a valid token, refused for the victim tenant's data.
        String suspendedToken = tokens.of("tonghai-bureau-admin");
        expect(Http.post(gateway + "/api/tenants/v1/tenants/" + SUSPENDED + "/suspend", tokens.of("yuxi-bureau-admin"),
                null), 200);
        Map<String, String> outsiders = new LinkedHashMap<>();
        outsiders.put("another district's bureau", tokens.of("huaning-bureau-admin"));
        outsiders.put("another city's auditor", tokens.of("qujing-auditor"));
        outsiders.put("a suspended tenant's bureau", suspendedToken);

        int pairs = 0;
        List<String> leaks = new ArrayList<>();
        List<String> wrongRefusals = new ArrayList<>();
        for (Operation op : operations) {
            if (op.internal()) {
                // through the gateway: not there at all; at the service itself: only a service account
                String direct = stack.serviceUrl(SERVICES.get(op.service()));
                for (Map.Entry<String, String> who : unauthenticated.entrySet()) {
                    pairs += 2;
                    judge(op, who.getKey(), call(op, who.getValue()), Set.of(404), leaks, wrongRefusals);
                    // the service checks revocation itself too: a disabled user's still-valid token is refused
                    // there before its role is judged
                    judge(op, who.getKey() + " at the service", call(direct, op, who.getValue()), Set.of(401),
                            who.getKey().equals("disabled user") ? Set.of("token-revoked") : BAD_TOKEN, leaks,
                            wrongRefusals);
                }
                for (String user : List.of("platform-admin", "yuxi-bureau-admin", "hongta-auditor", "a-manager")) {
                    pairs += 2;
                    judge(op, user, call(op, tokens.of(user)), Set.of(404), leaks, wrongRefusals);
                    judge(op, user + " at the service", call(direct, op, tokens.of(user)), Set.of(403), leaks,
                            wrongRefusals);
                }
                continue;
            }
            for (Map.Entry<String, String> who : unauthenticated.entrySet()) {
                pairs++;
                Http.Response r = call(op, who.getValue());
                judge(op, who.getKey(), r, Set.of(401),
                        who.getKey().equals("disabled user") ? Set.of("token-revoked") : BAD_TOKEN, leaks,
                        wrongRefusals);
            }
            if (op.tenantScoped()) {
                for (Map.Entry<String, String> who : outsiders.entrySet()) {
                    pairs++;
                    judge(op, who.getKey(), call(op, who.getValue()), Set.of(403, 404), leaks, wrongRefusals);
                }
                // the suspended tenant's own bureau, on its own tenant: refused for the suspension alone
                pairs++;
                Operation own = new Operation(op.service(), op.method(),
                        op.path().replace("/tenants/" + VICTIM, "/tenants/" + SUSPENDED), true, op.contentType());
                if (!isLifecyclePath(own.path())) {
                    judge(own, "the suspended tenant's bureau on its own tenant", call(own, suspendedToken),
                            Set.of(403), Set.of("tenant-suspended"), leaks, wrongRefusals);
                }
                if (op.writes()) {
                    for (String auditor : List.of("yuxi-auditor", "hongta-auditor")) {
                        pairs++;
                        judge(op, auditor + " writing", call(op, tokens.of(auditor)), Set.of(403), leaks,
                                wrongRefusals);
                    }
                }
                if (op.service().equals("billing")) {
                    for (String staff : List.of("hongta-volunteer", "a-worker")) {
                        pairs++;
                        judge(op, staff + " in finance", call(op, tokens.of(staff)), Set.of(403), leaks,
                                wrongRefusals);
                    }
                }
            }
        }
        System.out.printf("Security suite: %d operations, %d operation × identity pairs tried, %d leaked, "
                + "%d refused with an unexpected status%n", operations.size(), pairs, leaks.size(),
                wrongRefusals.size());
        leaks.forEach(l -> System.out.println("  LEAK " + l));
        wrongRefusals.forEach(l -> System.out.println("  UNEXPECTED " + l));
        expect(Http.post(gateway + "/api/tenants/v1/tenants/" + SUSPENDED + "/activate",
                tokens.of("yuxi-bureau-admin"), null), 200);
        assertThat(leaks).isEmpty();
        assertThat(wrongRefusals).isEmpty();
    }

    private static void judge(Operation op, String identity, Http.Response r, Set<Integer> expected,
            List<String> leaks, List<String> wrong) {
        judge(op, identity, r, expected, null, leaks, wrong);
    }

    /** A leak is any answer below 400; a refusal must have the expected status and, when given, problem code. */
    private static void judge(Operation op, String identity, Http.Response r, Set<Integer> expected,
            Set<String> codes, List<String> leaks, List<String> wrong) {
        String what = op.method() + " " + op.path() + " as " + identity + " → " + r.status() + " " + r.code();
        if (r.status() < 400) {
            leaks.add(what);
        } else if (!expected.contains(r.status()) || r.code() == null
                || (codes != null && !codes.contains(r.code()))) {
            wrong.add(what);
        }
    }

    static final Set<String> BAD_TOKEN = Set.of("unauthenticated", "token-invalid");

    /** The tenant's own lifecycle paths, served whatever its status (so that a suspension can be lifted). */
    static boolean isLifecyclePath(String path) {
        return path.matches("^/api/tenants/v\\d+/tenants/\\d{6}(/(provisioning|suspend|activate|archive))?$");
    }

    static final Map<String, String> SERVICES = Map.of("tenants", "tenant-service", "care", "care-service",
            "billing", "billing-service");

    private Http.Response call(Operation op, String token) throws Exception {
        return call(gateway, op, token);
    }

    /** The operation with a minimal body of the type it takes: refusals must not depend on the body. */
    private Http.Response call(String base, Operation op, String token) throws Exception {
        String body = null;
        Map<String, String> headers = Map.of();
        if (op.writes()) {
            if (op.contentType() != null && op.contentType().startsWith("multipart/")) {
                body = "--suite\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\ncode,name\r\n--suite--\r\n";
                headers = Map.of("Content-Type", "multipart/form-data; boundary=suite");
            } else {
                body = "{}";
            }
        }
        for (int attempt = 0;; attempt++) {
            Http.Response r = Http.send(op.method(), base + op.path(), token, body, headers);
            if (r.status() != 429 || attempt == 5) {
                return r;
            }
            Thread.sleep(Long.parseLong(r.header("Retry-After")) * 1000);
        }
    }

    /** Every operation of every service, from its OpenAPI document served through the gateway. */
    List<Operation> operations() throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (String service : List.of("tenants", "care", "billing")) {
            Map<String, Object> doc = expect(Http.get(gateway + "/docs/" + service + "/v3/api-docs", null), 200)
                    .json();
            Map<?, ?> paths = (Map<?, ?>) doc.get("paths");
            for (Map.Entry<?, ?> path : paths.entrySet()) {
                for (Map.Entry<?, ?> method : ((Map<?, ?>) path.getValue()).entrySet()) {
                    String template = path.getKey().toString();
                    boolean scoped = template.matches(".*/tenants/\\{[^}]+}.*");
                    String contentType = null;
                    if (((Map<?, ?>) method.getValue()).get("requestBody") instanceof Map<?, ?> requestBody
                            && requestBody.get("content") instanceof Map<?, ?> content && !content.isEmpty()) {
                        contentType = content.keySet().iterator().next().toString();
                    }
                    operations.add(new Operation(service, method.getKey().toString().toUpperCase(), fill(template),
                            scoped, contentType));
                }
            }
        }
        return operations;
    }

    private String fill(String template) {
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String before = template.substring(0, m.start());
            String value = before.endsWith("/tenants/") ? VICTIM : UUID.randomUUID().toString();
            m.appendReplacement(out, value);
        }
        m.appendTail(out);
        return out.toString();
    }

    // ---- scope inside a tenant --------------------------------------------------------------------------

    @Test
    @Order(3)
    void contractorStaffSeeOnlyTheirOwnContractor() throws Exception {
        String managerA = tokens.of("a-manager");
        Http.Response own = expect(Http.get(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/engagements",
                managerA), 200);
        assertThat(own.body()).contains(contractorA).doesNotContain(contractorB);
        Http.Response other = Http.get(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/engagements/"
                + engagementB, managerA);
        assertThat(other.status()).isIn(403, 404);
        Http.Response users = expect(Http.get(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/users", managerA),
                200);
        assertThat(users.body()).contains("a-worker").doesNotContain("b-manager");
        assertThat(Http.post(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/users/" + created.get("b-manager")
                + "/disable", managerA, null).status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void aCitySeesItsDistrictsAndADistrictOnlyItself() throws Exception {
        List<Object> city = expect(Http.get(gateway + "/api/tenants/v1/tenants", tokens.of("yuxi-auditor")), 200)
                .jsonArray();
        assertThat(city.toString()).contains(VICTIM, OTHER_DISTRICT).doesNotContain(OTHER_CITY);
        List<Object> district = expect(Http.get(gateway + "/api/tenants/v1/tenants", tokens.of("hongta-auditor")),
                200).jsonArray();
        assertThat(district).hasSize(1);
        assertThat(Http.get(gateway + "/api/tenants/v1/tenants/" + CITY + "/programs", tokens.of("hongta-auditor"))
                .status()).isEqualTo(403);
    }

    // ---- the gateway's own defences ---------------------------------------------------------------------

    @Test
    @Order(3)
    void spoofedTenantAndForwardingHeadersChangeNothing() throws Exception {
        String huaning = tokens.of("huaning-bureau-admin");
        Http.Response spoofed = Http.send("GET", gateway + "/api/tenants/v1/tenants/" + VICTIM + "/streets",
                huaning, null, Map.of("X-Tenant", VICTIM, "X-Tenant-Code", VICTIM, "X-Forwarded-For", "10.0.0.1",
                        "X-Real-IP", "10.0.0.1", "X-User", "platform-admin", "X-Forwarded-User", "platform-admin"));
        assertThat(spoofed.status()).isEqualTo(403);

        String hongta = tokens.of("hongta-bureau-admin");
        Http.Response street = Http.send("POST", gateway + "/api/tenants/v1/tenants/" + VICTIM + "/streets", hongta,
                "{\"code\":\"530402009\",\"name\":\"测试街道\"}", Map.of("X-Forwarded-Host", "evil.example",
                        "X-Forwarded-Proto", "https", "X-Forwarded-Prefix", "/evil", "Forwarded",
                        "host=evil.example;proto=https"));
        assertThat(street.status()).isEqualTo(201);
        assertThat(street.body()).doesNotContain("evil");
        assertThat(street.headers().toString()).doesNotContain("evil");
    }

    @Test
    @Order(3)
    void encodedPathTraversalThroughTheRoutesGetsNowhere() throws Exception {
        String service = tokens.of("hongta-bureau-admin");
        List<String> attempts = List.of(
                "/api/care/v1/tenants/" + VICTIM + "/../../../internal/v1/provisioning/tenants/" + VICTIM,
                "/api/care/v1/tenants/" + VICTIM + "/%2e%2e/%2e%2e/%2e%2e/internal/v1/provisioning/tenants/" + VICTIM,
                "/api/care/v1/tenants/" + VICTIM + "/%252e%252e/%252e%252e/internal/v1/provisioning/tenants",
                "/api/care/v1/tenants/" + VICTIM + "/..%2f..%2f..%2finternal/v1/provisioning/tenants/" + VICTIM,
                "/api/care/v1/tenants/" + VICTIM + "%2f..%2f..%2f" + OTHER_DISTRICT + "/volunteers",
                "/api/care/v1/tenants/" + OTHER_DISTRICT + "%2f..%2f" + VICTIM + "/volunteers",
                "/api/tenants/v1/tenants/" + VICTIM + "/..;/" + OTHER_DISTRICT + "/streets",
                "/api/billing/v1/tenants/" + CITY + "/%2e%2e/" + VICTIM + "/allocations",
                "/internal/v1/provisioning/tenants/" + VICTIM,
                "/%69nternal/v1/provisioning/tenants/" + VICTIM,
                "/api/tenants/v1/../../internal/v1/provisioning/tenants/" + VICTIM,
                "/actuator/../internal/v1/provisioning/tenants/" + VICTIM);
        List<String> through = new ArrayList<>();
        for (String path : attempts) {
            Http.Response r;
            try {
                r = Http.send("GET", gateway + path, service, null, Map.of());
            } catch (IllegalArgumentException clientRefused) {
                continue; // not even a valid URI
            }
            if (r.status() < 400 || r.body().contains("schema")) {
                through.add(path + " → " + r.status());
            }
        }
        assertThat(through).isEmpty();
    }

    @Test
    @Order(4)
    void theRateLimitAnswers429WithRetryAfterAndAProblem() throws Exception {
        String token = tokens.of("hongta-auditor");
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Http.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                calls.add(() -> Http.get(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/streets", token));
            }
            // a loaded machine answers slower than the bucket refills (40, then 20 a second): bursts until refused
            List<Http.Response> limited = new ArrayList<>();
            for (int burst = 0; burst < 5 && limited.isEmpty(); burst++) {
                for (Future<Http.Response> f : pool.invokeAll(calls)) {
                    if (f.get().status() == 429) {
                        limited.add(f.get());
                    }
                }
            }
            assertThat(limited).isNotEmpty();
            Http.Response one = limited.get(0);
            assertThat(Integer.parseInt(one.header("Retry-After"))).isPositive();
            assertThat(one.code()).isEqualTo("rate-limited");
            assertThat(one.header("Content-Type")).startsWith("application/problem+json");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void everyRequestCarriesATraceparentThatTheServiceLogs() throws Exception {
        Http.Response r = expect(Http.get(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/streets",
                tokens.of("hongta-auditor")), 200);
        String traceparent = r.header("traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        String traceId = traceparent.split("-")[1];
        Http.Response problem = Http.get(gateway + "/api/tenants/v1/tenants/" + CITY + "/programs",
                tokens.of("hongta-auditor"));
        String problemTrace = problem.header("traceparent").split("-")[1];
        assertThat(problem.body()).contains(problemTrace);
        Path log = stack.logs().resolve("tenant-service.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(log).contains(problemTrace) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(Files.readString(log)).contains(problemTrace);
        assertThat(traceId).isNotEqualTo(problemTrace);
    }

    // ---- finding 5: a district bureau rewrote the platform-wide contractor registry ----

    @Test
    @Order(3)
    void onlyTheRegisteringTenantItsCityOrThePlatformChangesAContractor() throws Exception {
        String url = gateway + "/api/tenants/v1/contractors/" + contractorA; // registered by 玉溪市
        Number version = (Number) expect(Http.get(url, tokens.of("hongta-bureau-admin")), 200).json().get("version");
        String rename = """
                {"version":%s,"name":"被改掉的名字","legalRepresentative":"冒名顶替"}""".formatted(version);
        for (String district : List.of("hongta-bureau-admin", "huaning-bureau-admin")) {
            Http.Response r = Http.send("PUT", url, tokens.of(district), rename, Map.of());
            assertThat(r.status()).as(district + ": " + r.brief()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("contractor-edit-denied");
        }
        String yuxi = tokens.of("yuxi-bureau-admin");
        String change = """
                {"version":%s,"name":"玉溪市暖阳社会工作服务中心","legalRepresentative":"杨晓云",
                 "contacts":[{"name":"杨晓云","role":"负责人","phone":"13908770001"}]}""";
        Http.Response changed = expect(Http.send("PUT", url, yuxi, change.formatted(version), Map.of()), 200);
        assertThat(((Number) changed.json().get("version")).longValue()).isEqualTo(version.longValue() + 1);
        Http.Response stale = Http.send("PUT", url, yuxi, change.formatted(version), Map.of());
        assertThat(stale.status()).as(stale.brief()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("contractor-modified");
        Http.Response history = expect(Http.get(url + "/changes", tokens.of("hongta-auditor")), 200);
        assertThat(history.body()).contains("\"action\":\"CHANGED\"", "\"action\":\"REGISTERED\"", "负责人");
        assertThat(history.body()).doesNotContain("被改掉的名字");
    }

    // ---- finding 6: a contractor manager re-enabled a care worker the bureau disabled ----

    @Test
    @Order(3)
    void aManagerDoesNotEnableAnAccountTheBureauDisabled() throws Exception {
        String hongta = tokens.of("hongta-bureau-admin");
        user(hongta, VICTIM, "a-worker-disabled", "care-worker", contractorA);
        String users = gateway + "/api/tenants/v1/tenants/" + VICTIM + "/users/" + created.get("a-worker-disabled");
        expect(Http.post(users + "/disable", hongta, null), 200);
        Http.Response r = Http.post(users + "/enable", tokens.of("a-manager"), null);
        assertThat(r.status()).as(r.brief()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("user-disabled-by-higher-authority");
        assertThat(tokens.loginWithoutOtp("a-worker-disabled").status()).isEqualTo(400);
        expect(Http.post(users + "/enable", hongta, null), 200);
    }

    // ---- finding 7: a manager made a second manager with a permanent password to verify its own visits ----

    @Test
    @Order(3)
    void aManagerMakesNoManagersAndEveryGivenPasswordIsTemporary() throws Exception {
        String manager = tokens.of("a-manager");
        String users = gateway + "/api/tenants/v1/tenants/" + VICTIM + "/users";
        Http.Response second = Http.post(users, manager, """
                {"username":"a-manager-2","firstName":"测试","lastName":"用户","role":"contractor-manager",
                 "password":"Chosen-By-Manager1","temporaryPassword":false}""");
        assertThat(second.status()).as(second.brief()).isEqualTo(403);
        assertThat(second.code()).isEqualTo("role-not-grantable");
        // a care worker, yes; but the password it chose must be changed at first sign-in
        Http.Response worker = expect(Http.post(users, manager, """
                {"username":"a-worker-chosen","firstName":"测试","lastName":"用户","role":"care-worker",
                 "password":"Chosen-By-Manager1","temporaryPassword":false}"""), 201);
        Http.Response login = Http.form(stack.keycloak().tokenUri(), Map.of("grant_type", "password", "client_id",
                "warmnest-cli", "username", "a-worker-chosen", "password", "Chosen-By-Manager1"));
        assertThat(login.status()).as(login.brief()).isEqualTo(400);
        assertThat(login.body()).contains("not fully set up");
        // and its token names its creator, which care-service holds against the creator's visits
        tokens.setPermanentPassword((String) ((Map<?, ?>) worker.json().get("user")).get("id"));
        assertThat(Tokens.payload(tokens.of("a-worker-chosen")))
                .containsEntry("created_by", Tokens.payload(manager).get("sub"));
    }

    // ---- finding 10: default roles gave offline tokens and self-service profile edits ----

    @Test
    @Order(3)
    void usersGetNoOfflineTokensAndDoNotEditTheirOwnProfile() throws Exception {
        Http.Response offline = Http.form(stack.keycloak().tokenUri(), Map.of("grant_type", "password", "client_id",
                "warmnest-cli", "username", "a-worker", "password", Tokens.PASSWORD, "scope", "openid offline_access"));
        if (offline.status() == 200) {
            assertThat(Tokens.payload((String) offline.json().get("refresh_token")).get("typ"))
                    .isNotEqualTo("Offline");
        }
        Map<String, Object> claims = Tokens.payload(tokens.of("a-worker"));
        assertThat(claims.get("realm_access").toString()).doesNotContain("offline_access");
        assertThat(claims).doesNotContainKey("resource_access");
        Http.Response edit = Http.send("POST", stack.keycloak().issuer() + "/account", tokens.of("a-worker"),
                "{\"username\":\"a-worker\",\"firstName\":\"改名\",\"lastName\":\"用户\"}", Map.of());
        assertThat(edit.status()).as(edit.brief()).isGreaterThanOrEqualTo(400);
    }

    // ---- finding 11: 12345678 was a finance officer's password ----

    @Test
    @Order(3)
    void weakPasswordsAreRefused() throws Exception {
        String users = gateway + "/api/tenants/v1/tenants/" + VICTIM + "/users";
        for (String weak : List.of("12345678", "Abcdefghij1", "P@ssw0rd1234")) {
            Http.Response r = Http.post(users, tokens.of("hongta-bureau-admin"), """
                    {"username":"weak-finance","firstName":"测试","lastName":"用户","role":"finance-officer",
                     "password":"%s"}""".formatted(weak));
            assertThat(r.status()).as(weak + ": " + r.brief()).isIn(400, 422);
        }
    }

    // ---- finding 16: any service account could call every service's provisioning endpoints ----

    @Test
    @Order(3)
    void onlyTenantServiceProvisions() throws Exception {
        for (String service : List.of("care-service", "billing-service")) {
            String others = serviceToken(service.equals("care-service") ? "billing-service" : "care-service");
            String path = stack.serviceUrl(service) + "/internal/v1/provisioning/tenants/" + VICTIM;
            Http.Response r = Http.send("PUT", path + "/status", others, "{\"status\":\"SUSPENDED\"}", Map.of());
            assertThat(r.status()).as(service + ": " + r.brief()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("provisioning-caller-denied");
            assertThat(Http.get(path, others).code()).isEqualTo("provisioning-caller-denied");
            expect(Http.get(path, serviceToken("tenant-service")), 200);
        }
    }

    /** A service's own client-credentials token, from the realm (the local secrets). */
    String serviceToken(String client) throws Exception {
        Http.Response r = expect(Http.form(stack.keycloak().tokenUri(), Map.of("grant_type", "client_credentials",
                "client_id", client, "client_secret", org.warmnest.keycloak.LocalKeycloak.devSecret(client))), 200);
        return (String) r.json().get("access_token");
    }

    // ---- finding 3: contractor access ends with the engagement -------------------------------------------

    @Test
    @Order(5)
    void contractorStaffAreRefusedOnceTheirEngagementEndsOrIsDeleted() throws Exception {
        String hongta = tokens.of("hongta-bureau-admin");
        user(hongta, VICTIM, "b-worker", "care-worker", contractorB);
        String elder = elderOfTheVictim(hongta, "段玉兰", LocalDate.of(1941, 5, 12), contractorB);
        String worker = tokens.login("b-worker", Tokens.PASSWORD);
        for (String base : List.of(gateway, stack.serviceUrl("care-service"))) {
            String elders = base + "/api/care/v1/tenants/" + VICTIM + "/elders";
            expect(patiently("GET", elders + "/" + elder, worker, null), 200);
            Http.Response full = expect(patiently("POST", elders + "/" + elder + "/sensitive-data", worker,
                    "{\"reason\":\"核对身份\"}"), 200);
            assertThat(full.json().get("idNumber").toString()).hasSize(18);
        }
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        expect(patiently("PUT", gateway + "/api/tenants/v1/tenants/" + VICTIM + "/engagements/" + engagementB,
                hongta, "{\"startDate\":\"2025-03-01\",\"endDate\":\"" + today + "\",\"status\":\"ENDED\"}"), 200);
        refusedEverywhere(tokens.login("b-worker", Tokens.PASSWORD), elder, 403, "engagement-ended");
        expect(patiently("DELETE", gateway + "/api/tenants/v1/tenants/" + VICTIM + "/engagements/" + engagementB,
                hongta, null), 204);
        refusedEverywhere(tokens.login("b-worker", Tokens.PASSWORD), elder, 403, "contractor-not-engaged");
        // B's manager too, in tenant-service and billing-service
        String managerB = tokens.login("b-manager", Tokens.PASSWORD);
        for (String path : List.of("/api/tenants/v1/tenants/" + VICTIM + "/engagements",
                "/api/billing/v1/tenants/" + VICTIM + "/contracts")) {
            Http.Response r = patiently("GET", gateway + path, managerB, null);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.code()).as(path).isEqualTo("contractor-not-engaged");
        }
        // the bureau, the data's controller, keeps the file
        expect(patiently("GET", gateway + "/api/care/v1/tenants/" + VICTIM + "/elders/" + elder, hongta, null), 200);
    }

    // ---- finding 4: the services check revocation and tenant status themselves ---------------------------

    @Test
    @Order(5)
    void aDisabledUsersTokenIsRefusedStraightAtTheService() throws Exception {
        String hongta = tokens.of("hongta-bureau-admin");
        user(hongta, VICTIM, "a-leaver", "care-worker", contractorA);
        String elder = elderOfTheVictim(hongta, "管秀珍", LocalDate.of(1943, 2, 8), contractorA);
        String leaver = tokens.login("a-leaver", Tokens.PASSWORD);
        String direct = stack.serviceUrl("care-service") + "/api/care/v1/tenants/" + VICTIM + "/elders/" + elder;
        expect(patiently("GET", direct, leaver, null), 200);
        expect(patiently("POST", gateway + "/api/tenants/v1/tenants/" + VICTIM + "/users/" + created.get("a-leaver")
                + "/disable", hongta, null), 200);
        refusedEverywhere(leaver, elder, 401, "token-revoked");
    }

    @Test
    @Order(5)
    void aSuspendedTenantsTokenIsRefusedStraightAtTheServiceAtOnce() throws Exception {
        String tonghai = tokens.of("tonghai-bureau-admin");
        String yuxi = tokens.of("yuxi-bureau-admin");
        expect(patiently("POST", gateway + "/api/tenants/v1/tenants/" + SUSPENDED + "/suspend", yuxi, null), 200);
        try {
            String care = stack.serviceUrl("care-service") + "/api/care/v1/tenants/" + SUSPENDED + "/elders";
            String someone = care + "/" + UUID.randomUUID();
            List<String[]> kinds = List.of(new String[] { "GET", care, null }, new String[] { "GET", someone, null },
                    new String[] { "POST", someone + "/sensitive-data", "{\"reason\":\"核对身份\"}" },
                    new String[] { "PUT", someone, "{}" },
                    new String[] { "GET", stack.serviceUrl("billing-service") + "/api/billing/v1/tenants/" + SUSPENDED
                            + "/allocations", null });
            for (String[] kind : kinds) {
                Http.Response r = Http.send(kind[0], kind[1], tonghai, kind[2], Map.of());
                assertThat(r.status()).as(kind[0] + " " + kind[1]).isEqualTo(403);
                assertThat(r.code()).as(kind[0] + " " + kind[1]).isEqualTo("tenant-suspended");
            }
        } finally {
            expect(patiently("POST", gateway + "/api/tenants/v1/tenants/" + SUSPENDED + "/activate", yuxi, null), 200);
        }
    }

    /**
     * List, read, write and full read of the victim's elders, through the gateway and straight at care-service:
     * each refused with the status and code. The first is retried for a few seconds: the services drop what they
     * kept (the identity state for 2 s, the engagement on tenant-service's message) a moment after the change.
     */
    void refusedEverywhere(String token, String elder, int status, String code) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String base : List.of(stack.serviceUrl("care-service"), gateway)) {
            String elders = base + "/api/care/v1/tenants/" + VICTIM + "/elders";
            List<String[]> kinds = List.of(new String[] { "GET", elders, null },
                    new String[] { "GET", elders + "/" + elder, null },
                    new String[] { "PUT", elders + "/" + elder, "{}" },
                    new String[] { "POST", elders + "/" + elder + "/sensitive-data", "{\"reason\":\"核对身份\"}" });
            for (String[] kind : kinds) {
                Http.Response r = patiently(kind[0], kind[1], token, kind[2]);
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (r.status() != status && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    r = patiently(kind[0], kind[1], token, kind[2]);
                }
                if (r.status() != status || !code.equals(r.code())) {
                    wrong.add(kind[0] + " " + kind[1] + " → " + r.status() + " " + r.code());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** An elder of 红塔区 registered by its bureau and entrusted to the contractor, in a grid made for it. */
    String elderOfTheVictim(String bureau, String name, LocalDate born, String contractor) throws Exception {
        String grid = "530402011001-1";
        String tenants = gateway + "/api/tenants/v1/tenants/" + VICTIM;
        if (patiently("GET", tenants + "/areas", bureau, null).body().contains(grid) == false) {
            String street = id(expect(patiently("POST", tenants + "/streets", bureau,
                    "{\"code\":\"530402011\",\"name\":\"春和街道\"}"), 201));
            String community = id(expect(patiently("POST", tenants + "/communities", bureau,
                    "{\"streetId\":\"" + street + "\",\"code\":\"530402011001\",\"name\":\"春和社区\"}"), 201));
            expect(patiently("POST", tenants + "/grids", bureau, "{\"communityId\":\"" + community
                    + "\",\"code\":\"" + grid + "\",\"name\":\"春和社区第1网格\"}"), 201);
        }
        String first17 = VICTIM + born.toString().replace("-", "") + String.format("%03d",
                Math.floorMod(name.hashCode(), 400) * 2);
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        String idNumber = first17 + "10X98765432".charAt(sum % 11);
        return id(expect(patiently("POST", gateway + "/api/care/v1/tenants/" + VICTIM + "/elders", bureau, """
                {"name":"%s","idNumber":"%s","gridCode":"%s","categories":["EMPTY_NEST"],"riskTier":"HIGH",
                 "consentGiven":true,"contractorId":"%s"}""".formatted(name, idNumber, grid, contractor)), 201));
    }

    /** A request that waits out the tenant's rate limit (the suite spends 红塔区's budget on purpose). */
    Http.Response patiently(String method, String url, String token, String body) throws Exception {
        for (int attempt = 0;; attempt++) {
            Http.Response r = Http.send(method, url, token, body, Map.of());
            if (r.status() != 429 || attempt == 10) {
                return r;
            }
            Thread.sleep(Long.parseLong(r.header("Retry-After")) * 1000);
        }
    }

    // ---- finding 9: separation of duties in money ---------------------------------------------------------

    @Test
    @Order(5)
    void aFinanceOfficerNeverSignsTheContractItDrafted() throws Exception {
        String finance = tokens.of("hongta-finance-officer");
        List<Object> programs = expect(patiently("GET", gateway + "/api/tenants/v1/tenants/" + CITY + "/programs",
                tokens.of("yuxi-bureau-admin"), null), 200).jsonArray();
        String program = String.valueOf(((Map<?, ?>) programs.get(0)).get("id"));
        java.math.BigDecimal value = new java.math.BigDecimal("100000.00");
        Map<String, Object> draft = new org.warmnest.launcher.ContractDraft("YX-SEC-" + UUID.randomUUID()
                .toString().substring(0, 8), "红塔区四眼原则测试合同", contractorA, program, CITY, List.of(VICTIM), value,
                LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")), "温暖玉溪·呵护夕阳项目服务采购", List.of(
                        new org.warmnest.launcher.ContractDraft.Quote("玉溪市暖阳社会工作服务中心", USCC_A, value, "91.50",
                                true),
                        new org.warmnest.launcher.ContractDraft.Quote("玉溪市夕阳红养老服务中心", "52530400MJ0000001A",
                                value, "85.00", false),
                        new org.warmnest.launcher.ContractDraft.Quote("云南康乐社工服务社", "52530000MJ0000002B", value,
                                "85.00", false)),
                Map.of("WARM_PACK", "300.00")).body();
        String contracts = "/api/billing/v1/tenants/" + VICTIM + "/contracts";
        String id = id(expect(patiently("POST", gateway + contracts, finance, Http.json(draft)), 201));
        String signing = "{\"signedOn\":\"" + LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                + "\",\"commitments\":[{\"lineId\":\"" + UUID.randomUUID() + "\",\"amount\":\"100000.00\"}]}";
        for (String base : List.of(gateway, stack.serviceUrl("billing-service"))) {
            Http.Response own = Http.send("POST", base + contracts + "/" + id + "/sign", finance, signing,
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            assertThat(own.status()).as(base).isEqualTo(403);
            assertThat(own.code()).as(base).isEqualTo("contract-own-draft");
        }
        // another officer is not refused for it (the made-up budget line stops the signing further on)
        Http.Response other = Http.send("POST", gateway + contracts + "/" + id + "/sign",
                tokens.of("yuxi-finance-officer"), signing, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(other.code()).isNotEqualTo("contract-own-draft");
        assertThat(expect(patiently("GET", gateway + contracts + "/" + id, finance, null), 200).json())
                .containsEntry("status", "DRAFT");
    }

    // ---- finding 1: the identity gate and rate limits for every spelling of a path ----

    /**
     * Every operation again with its prefix percent-encoded ({@code /%61pi/...}) and in mixed case ({@code /API/...}),
     * for three identities (no token, a user disabled a moment ago with the token it holds, a reader of the victim
     * tenant), each compared with the same identity's answer on the plain path. The encoded spelling is refused
     * outright for everyone (400 {@code path-not-canonical}); the mixed case is the plain path (the gateway takes the
     * {@code /api/<service>/} prefix in any case), so every identity gets exactly the plain path's answer. Nothing
     * may succeed that the plain path refuses.
     */
    @Test
    @Order(5)
    void everyOperationSpelledOtherwiseGetsThePlainPathsAnswerOrIsRefused() throws Exception {
        String hongta = tokens.of("hongta-bureau-admin");
        user(hongta, VICTIM, "spelling-leaver", "auditor", null);
        String disabled = tokens.of("spelling-leaver");
        expect(Http.post(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/users/" + created.get("spelling-leaver")
                + "/disable", hongta, null), 200);
        Map<String, String> identities = new LinkedHashMap<>();
        identities.put("no token", null);
        identities.put("disabled user", disabled);
        identities.put("hongta-auditor", tokens.of("hongta-auditor"));

        int pairs = 0;
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations()) {
            if (op.internal() || !op.path().startsWith("/api/")) {
                continue; // never routed, whatever the spelling (encodedPathTraversalThroughTheRoutesGetsNowhere)
            }
            for (Map.Entry<String, String> who : identities.entrySet()) {
                // the reader's token from the cache, renewed before it expires; the disabled user's is the one it held
                String token = who.getKey().equals("hongta-auditor") ? tokens.of("hongta-auditor") : who.getValue();
                Http.Response plain = call(op, token);
                for (String spelled : List.of("/%61pi/", "/API/", "/Api/")) {
                    pairs++;
                    Operation variant = new Operation(op.service(), op.method(),
                            spelled + op.path().substring("/api/".length()), op.tenantScoped(), op.contentType());
                    Http.Response r = call(variant, token);
                    String what = op.method() + " " + variant.path() + " as " + who.getKey() + " → " + r.status()
                            + " " + r.code() + " (plain: " + plain.status() + " " + plain.code() + ")";
                    boolean samePlain = r.status() == plain.status() && java.util.Objects.equals(r.code(), plain.code());
                    boolean ok;
                    if (spelled.contains("%")) {
                        ok = r.status() == 400 && "path-not-canonical".equals(r.code());
                    } else {
                        ok = samePlain;
                    }
                    if (!ok || (r.status() < 400 && plain.status() >= 400)) {
                        wrong.add(what);
                    }
                }
            }
        }
        System.out.printf("Security suite, other spellings: %d operation × identity × spelling triples, %d wrong%n",
                pairs, wrong.size());
        wrong.forEach(w -> System.out.println("  WRONG " + w));
        assertThat(pairs).isGreaterThan(200);
        assertThat(wrong).isEmpty();
    }

    @Test
    @Order(5)
    void aMixedCasePathSpendsTheRateLimitAndTheEncodedOneNeverPasses() throws Exception {
        String token = tokens.of("yuxi-auditor");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Http.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                String prefix = i % 2 == 0 ? "/Api/" : "/%61pi/";
                calls.add(() -> Http.get(gateway + prefix + "tenants/v1/tenants/" + VICTIM + "/streets", token));
            }
            int limited = 0;
            for (Future<Http.Response> f : pool.invokeAll(calls)) {
                Http.Response r = f.get();
                assertThat(r.status()).as(r.brief()).isIn(200, 400, 429);
                limited += r.status() == 429 ? 1 : 0;
            }
            // 80 requests on the mixed-case path (served, as the plain path), a burst of 40: the limiter ran for them
            assertThat(limited).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- finding 17: tokens with unknown key ids ----

    @Test
    @Order(3)
    void tokensWithMadeUpKeyIdsAreInvalidAtTheGatewayAndAtEachService() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair key = generator.generateKeyPair();
        List<String> bases = new ArrayList<>(List.of(gateway));
        SERVICES.values().forEach(service -> bases.add(stack.serviceUrl(service)));
        List<String> wrong = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                    com.nimbusds.jose.JWSAlgorithm.RS256).keyID("made-up-" + UUID.randomUUID()).build(),
                    tokens.claims(VICTIM, "bureau-admin").build());
            jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key.getPrivate()));
            for (String base : bases) {
                Http.Response r = Http.get(base + "/api/tenants/v1/tenants/" + VICTIM + "/streets", jwt.serialize());
                if (r.status() != 401 || !"token-invalid".equals(r.code())) {
                    wrong.add(base + " → " + r.status() + " " + r.code());
                }
            }
        }
        assertThat(wrong).isEmpty();
        // 80 refusals without a key-set fetch each stay fast; the realm's own tokens still pass
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        expect(Http.get(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/streets", tokens.of("hongta-auditor")), 200);
    }

    // ---- finding 19: the client's Host and forwarded headers ----

    @Test
    @Order(3)
    void theOpenApiServerIsThePublicUrlWhateverHostOrForwardedHeadersSay() throws Exception {
        for (String service : List.of("tenants", "care", "billing")) {
            String doc = rawHttp(gateway, "GET /docs/" + service + "/v3/api-docs HTTP/1.1\r\nHost: evil.example\r\n"
                    + "X-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n");
            assertThat(doc).as(service).startsWith("HTTP/1.1 200").contains("\"url\":\"" + gateway + "\"")
                    .doesNotContain("evil");
            String direct = rawHttp(stack.serviceUrl(SERVICES.get(service)), "GET /v3/api-docs HTTP/1.1\r\n"
                    + "Host: evil.example\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\n"
                    + "Forwarded: host=evil.example\r\nConnection: close\r\n\r\n");
            assertThat(direct).as(service + " at the service").startsWith("HTTP/1.1 200").doesNotContain("evil");
        }
    }

    // ---- finding 20: the gateway's metrics ----

    @Test
    @Order(3)
    void theGatewaysMetricsNeedTheScrapeCredentialAndHealthStaysPublic() throws Exception {
        for (String token : new String[] { null, tokens.of("platform-admin") }) {
            Http.Response metrics = Http.get(gateway + "/actuator/prometheus", token);
            assertThat(metrics.status()).isEqualTo(401);
            assertThat(metrics.code()).isEqualTo("unauthenticated");
            assertThat(metrics.body()).doesNotContain("127.0.0.1");
        }
        assertThat(Http.send("GET", gateway + "/actuator/prometheus", null, null,
                Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "prometheus:guess".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).status())
                .isEqualTo(401);
        expect(Http.get(gateway + "/actuator/health/liveness", null), 200);
        expect(Http.get(gateway + "/actuator/health/readiness", null), 200);
    }

    // ---- finding 22: malformed paths are problems ----

    @Test
    @Order(3)
    void malformedPathsAreProblemsThroughTheGatewayAndAtEachService() throws Exception {
        List<String> paths = List.of("/api/care/v1/tenants/" + VICTIM + "/%", "/api/care/v1/tenants/" + VICTIM
                + "/%zz", "/api/care/v1/tenants/" + VICTIM + "/%00", "/a;b", "//x", "/api//care/v1/x",
                "/api/care/v1/tenants/" + VICTIM + "/a|b", "/api/care/v1/tenants/" + VICTIM + "/%25");
        List<String> bases = new ArrayList<>(List.of(gateway));
        SERVICES.values().forEach(service -> bases.add(stack.serviceUrl(service)));
        List<String> wrong = new ArrayList<>();
        for (String base : bases) {
            for (String path : paths) {
                String answer = rawHttp(base, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                String head = answer.split("\r\n\r\n", 2)[0].toLowerCase(java.util.Locale.ROOT);
                if (!answer.matches("(?s)HTTP/1\\.1 4\\d\\d.*") || !head.contains("content-type: application/problem+json")
                        || !answer.contains("\"code\":\"")) {
                    wrong.add(base + path + " → " + answer.lines().findFirst().orElse("") + " "
                            + (answer.length() > 200 ? answer.substring(0, 200) : answer).replace("\r\n", " | "));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Sends a request exactly as written (a Host of its own, paths no client would send) and returns the answer. */
    private static String rawHttp(String base, String request) throws Exception {
        java.net.URI uri = java.net.URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    // ---- findings 2, 12, 13, 14, 15: elders' sensitive data (helper pii) ---------------------------------
    // finding 2: the exact-ID search is no oracle; finding 12: health photos; finding 13: masking;
    // finding 14: a visit credited to a volunteer out of reach; finding 15: entrusting to a contractor not engaged

    static final String PII_GRID = "PII01";
    String piiElder;
    String piiIdNumber;

    /** A grid of 红塔区 of this block's own and an elder entrusted to contractor A, made once. */
    synchronized void piiStory() throws Exception {
        if (piiElder != null) {
            return;
        }
        String hongta = tokens.of("hongta-bureau-admin");
        String tenants = gateway + "/api/tenants/v1/tenants/" + VICTIM;
        String street = id(expect(Http.post(tenants + "/streets", hongta,
                "{\"code\":\"530402071\",\"name\":\"敏感数据街道\"}"), 201));
        String community = id(expect(Http.post(tenants + "/communities", hongta,
                "{\"streetId\":\"" + street + "\",\"code\":\"530402071001\",\"name\":\"敏感数据社区\"}"), 201));
        expect(Http.post(tenants + "/grids", hongta, "{\"communityId\":\"" + community + "\",\"code\":\""
                + PII_GRID + "\",\"name\":\"敏感数据网格\"}"), 201);
        piiIdNumber = piiIdNumber(java.time.LocalDate.of(1941, 5, 17), 531);
        piiElder = id(expect(Http.post(piiElders(), hongta, piiElderJson("敏感甲", piiIdNumber, contractorA)), 201));
    }

    String piiElders() {
        return gateway + "/api/care/v1/tenants/" + VICTIM + "/elders";
    }

    static String piiElderJson(String name, String idNumber, String contractor) {
        return """
                {"name":"%s","idNumber":"%s","phone":"13987700001","gridCode":"%s","address":"北苑路12号3栋2单元401室",
                 "categories":["EMPTY_NEST"],"riskTier":"GENERAL","consentGiven":true,
                 "emergencyContacts":[{"name":"李建国","phone":"13987700002","relation":"儿子"}]%s}"""
                .formatted(name, idNumber, PII_GRID, contractor == null ? "" : ",\"contractorId\":\"" + contractor + "\"");
    }

    static String piiIdNumber(java.time.LocalDate born, int sequence) {
        String first17 = VICTIM + born.toString().replace("-", "") + String.format("%03d", sequence);
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    @Test
    @Order(3)
    void finding2_theExactIdSearchIsForThoseWhoMayRevealRecordedAndLimited() throws Exception {
        piiStory();
        String auditor = tokens.of("hongta-auditor");
        String search = piiElders() + "?idNumber=" + piiIdNumber + "&reason=%E6%A0%B8%E5%AF%B9";
        for (String base : List.of(gateway, stack.serviceUrl("care-service"))) {
            Http.Response refused = Http.get(base + "/api/care/v1/tenants/" + VICTIM + "/elders?idNumber="
                    + piiIdNumber + "&reason=%E6%A0%B8%E5%AF%B9", auditor);
            assertThat(refused.status()).as(base).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("id-search-not-allowed");
        }
        // the auditor's view of the file: the last four characters, an age band, no exact age
        Map<String, Object> seen = expect(Http.get(piiElders() + "/" + piiElder, auditor), 200).json();
        assertThat(seen.get("idNumber")).isEqualTo("**************" + piiIdNumber.substring(14));
        assertThat(seen.get("age")).isNull();
        assertThat((String) seen.get("ageBand")).matches("[0-9]+-[0-9]+");
        // a carer may search, with a reason; the sixth search in a minute is refused with the time to wait
        String worker = tokens.of("a-worker");
        assertThat(Http.get(piiElders() + "?idNumber=" + piiIdNumber, worker).status()).isEqualTo(400);
        assertThat(expect(Http.get(search, worker), 200).body()).contains(piiElder);
        for (int i = 0; i < 4; i++) {
            expect(Http.get(search, worker), 200);
        }
        Http.Response limited = Http.get(search, worker);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("id-search-rate-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        // and every search is in the trail the auditor reads, without the number
        Http.Response trail = expect(Http.get(gateway + "/api/care/v1/tenants/" + VICTIM
                + "/sensitive-data-reads?size=500", auditor), 200);
        assertThat(trail.body()).contains("idNumberSearch").doesNotContain(piiIdNumber);
    }

    @Test
    @Order(3)
    void finding13_phonesAndAddressesAreMaskedForEveryReaderAndReadInFullOnlyThroughTheAuditedRead() throws Exception {
        piiStory();
        for (String reader : List.of("hongta-auditor", "hongta-bureau-admin", "a-worker")) {
            Http.Response file = expect(Http.get(piiElders() + "/" + piiElder, tokens.of(reader)), 200);
            assertThat(file.body()).as(reader).contains("139****0001", "139****0002", "北苑路****")
                    .doesNotContain("13987700001").doesNotContain("13987700002").doesNotContain("401室");
        }
        Map<String, Object> full = expect(Http.post(piiElders() + "/" + piiElder + "/sensitive-data",
                tokens.of("a-worker"), "{\"reason\":\"电话联系家属\"}"), 200).json();
        assertThat(full).containsEntry("phone", "13987700001").containsEntry("address", "北苑路12号3栋2单元401室");
        // the platform's operators read the volunteer registry, never a volunteer's phone or birth date
        String volunteers = gateway + "/api/care/v1/tenants/" + VICTIM + "/volunteers";
        String volunteer = id(expect(Http.post(volunteers, tokens.of("hongta-bureau-admin"), """
                {"name":"掩码志愿者","phone":"13987711111","kind":"LOW_AGE_ELDER","birthDate":"1958-06-01"}"""), 201));
        Http.Response asPlatform = expect(Http.get(volunteers + "/" + volunteer, tokens.of("platform-admin")), 200);
        assertThat(asPlatform.body()).contains("139****1111").doesNotContain("13987711111").doesNotContain("1958-06-01");
        assertThat(Http.post(volunteers + "/" + volunteer + "/sensitive-data", tokens.of("platform-admin"),
                "{\"reason\":\"查看\"}").status()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void finding12_aHealthPhotoIsNoAuditorsAndEachReadIsRecorded() throws Exception {
        piiStory();
        String worker = tokens.of("a-worker");
        java.time.OffsetDateTime start = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).withNano(0)
                .minusHours(2);
        String visit = id(expect(Http.post(piiElders() + "/" + piiElder + "/visits", worker, """
                {"mode":"PHONE","startedAt":"%s","endedAt":"%s","services":[{"item":"COMPANIONSHIP"}]}"""
                .formatted(start, start.plusMinutes(20))), 201));
        byte[] png = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                + "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        String boundary = "pii" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bp.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(png);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var upload = Http.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway
                + "/api/care/v1/tenants/" + VICTIM + "/visits/" + visit + "/evidence?purpose=HEALTH"))
                .header("Authorization", "Bearer " + worker)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String photo = String.valueOf(new Http.Response(201, upload.body(), Map.of()).json().get("id"));
        String url = gateway + "/api/care/v1/tenants/" + VICTIM + "/evidence/" + photo;
        Http.Response auditor = Http.get(url + "?reason=%E6%A3%80%E6%9F%A5", tokens.of("hongta-auditor"));
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.code()).isEqualTo("evidence-health-not-allowed");
        assertThat(Http.get(url, worker).status()).isEqualTo(400);
        Http.Response read = expect(Http.get(url + "?reason=%E5%A4%8D%E6%A0%B8", worker), 200);
        assertThat(read.header("Content-Type")).startsWith("image/png");
        assertThat(expect(Http.get(gateway + "/api/care/v1/tenants/" + VICTIM + "/sensitive-data-reads?elderId="
                + piiElder + "&size=500", tokens.of("hongta-auditor")), 200).body()).contains("healthPhoto:" + photo);
    }

    @Test
    @Order(3)
    void finding14_contractorStaffCannotCreditAVisitToABureauVolunteer() throws Exception {
        piiStory();
        String bureauVolunteer = id(expect(Http.post(gateway + "/api/care/v1/tenants/" + VICTIM + "/volunteers",
                tokens.of("hongta-bureau-admin"), "{\"name\":\"区局志愿者乙\",\"kind\":\"VOLUNTEER\"}"), 201));
        java.time.OffsetDateTime start = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).withNano(0)
                .minusHours(3);
        Http.Response refused = Http.post(piiElders() + "/" + piiElder + "/visits", tokens.of("a-worker"), """
                {"mode":"PHONE","performerKind":"VOLUNTEER","volunteerId":"%s","startedAt":"%s","endedAt":"%s",
                 "services":[{"item":"COMPANIONSHIP"}]}""".formatted(bureauVolunteer, start, start.plusMinutes(30)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("volunteer-unknown").doesNotContain("区局志愿者乙");
    }

    @Test
    @Order(3)
    void finding15_aBureauEntrustsOnlyToAContractorItHasEngaged() throws Exception {
        piiStory();
        String hongta = tokens.of("hongta-bureau-admin");
        String stranger = UUID.randomUUID().toString();
        Http.Response refused = Http.post(piiElders(), hongta, piiElderJson("未受托甲",
                piiIdNumber(java.time.LocalDate.of(1943, 2, 11), 533), stranger));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("contractor-not-engaged");
        Http.Response handOver = Http.send("PUT", piiElders() + "/" + piiElder, hongta,
                piiElderJson("敏感甲", piiIdNumber, stranger).replaceFirst("}$", ",\"version\":"
                        + expect(Http.get(piiElders() + "/" + piiElder, hongta), 200).json().get("version") + "}"),
                Map.of());
        assertThat(handOver.status()).as(handOver.brief()).isEqualTo(400);
        assertThat(handOver.code()).isEqualTo("contractor-not-engaged");
        assertThat(expect(Http.get(piiElders() + "/" + piiElder, hongta), 200).json().get("contractorId"))
                .isEqualTo(contractorA);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    // ---- the console's session route: the browser holds a cookie, the gateway the tokens ----

    @Test
    @Order(3)
    void theConsoleSignsInThroughKeycloakAndThePageNeverHoldsAToken() throws Exception {
        user(tokens.of("hongta-bureau-admin"), VICTIM, "console-reader", "auditor", null);
        ConsoleBrowser browser = new ConsoleBrowser(gateway);
        URI landed = browser.signIn("console-reader", Tokens.PASSWORD, "/elders?grid=K01");
        assertThat(landed.getRawPath() + "?" + landed.getRawQuery()).isEqualTo("/elders?grid=K01");
        assertThat(browser.lastKeycloakPage).as("Keycloak's sign-in page, in Chinese").contains("登录");
        Map<String, Object> me = expect(browser.get("/auth/me"), 200).json();
        assertThat(me.get("username")).isEqualTo("console-reader");
        assertThat(me.get("tenant")).isEqualTo(VICTIM);
        assertThat(String.valueOf(me.get("roles"))).contains("auditor");
        assertThat(((Number) me.get("idleTimeoutSeconds")).longValue()).isEqualTo(1800);
        // the API through the session, answered by the service with the user's own rights
        expect(browser.get("/api/tenants/v1/tenants/" + VICTIM + "/streets"), 200);
        expect(browser.get("/api/tenants/v1/tenants/" + OTHER_DISTRICT + "/streets"), 403);
        // the page holds a session cookie it cannot read, and never a token
        assertThat(browser.received).anySatisfy(header -> assertThat(header).startsWith("WARMNEST_SESSION=")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        assertThat(browser.received).noneSatisfy(seen -> assertThat(seen).contains("eyJ"));
        // (Keycloak's own cookies, on its pages' path, are Keycloak's business: HttpOnly, never sent to the console)
        assertThat(browser.cookies()).filteredOn(c -> c.getPath() == null || !c.getPath().startsWith("/realms/"))
                .isNotEmpty().noneSatisfy(c -> assertThat(c.getValue()).contains("eyJ"));
    }

    @Test
    @Order(3)
    void aConsoleWriteNeedsThePagesCsrfTokenAndTheUsersOwnRights() throws Exception {
        ConsoleBrowser browser = new ConsoleBrowser(gateway);
        browser.signIn("hongta-bureau-admin", Tokens.PASSWORD, "/");
        String volunteer = "{\"name\":\"控制台志愿者\",\"kind\":\"VOLUNTEER\"}";
        String path = "/api/care/v1/tenants/" + VICTIM + "/volunteers";
        Http.Response forged = browser.send("POST", path, volunteer, false);
        assertThat(forged.status()).as(forged.brief()).isEqualTo(403);
        assertThat(forged.code()).isEqualTo("csrf-invalid");
        expect(browser.send("POST", path, volunteer, true), 201);
        // in another tenant, the service refuses the user as it would the same user's token
        Http.Response elsewhere = browser.send("POST", "/api/care/v1/tenants/" + OTHER_DISTRICT + "/volunteers",
                volunteer, true);
        assertThat(elsewhere.status()).as(elsewhere.brief()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void aDisabledUsersSessionIsRefusedAtOnceAndSigningOutEndsTheKeycloakSession() throws Exception {
        String bureau = tokens.of("hongta-bureau-admin");
        user(bureau, VICTIM, "console-leaver", "auditor", null);
        user(bureau, VICTIM, "console-stayer", "auditor", null);
        ConsoleBrowser leaver = new ConsoleBrowser(gateway);
        leaver.signIn("console-leaver", Tokens.PASSWORD, "/");
        expect(leaver.get("/api/tenants/v1/tenants/" + VICTIM + "/streets"), 200);
        expect(Http.post(gateway + "/api/tenants/v1/tenants/" + VICTIM + "/users/" + created.get("console-leaver")
                + "/disable", bureau, null), 200);
        Http.Response refused = leaver.get("/api/tenants/v1/tenants/" + VICTIM + "/streets");
        assertThat(refused.status()).as(refused.brief()).isEqualTo(401);
        assertThat(refused.code()).isIn("token-revoked", "session-ended");
        assertThat(leaver.get("/auth/me").status()).isEqualTo(401);

        ConsoleBrowser stayer = new ConsoleBrowser(gateway);
        stayer.signIn("console-stayer", Tokens.PASSWORD, "/");
        // while the Keycloak session lasts, signing in again needs no password
        assertThat(stayer.signIn("console-stayer", null, "/elders").getRawPath()).isEqualTo("/elders");
        Http.Response unverified = stayer.send("POST", "/auth/logout", null, false);
        assertThat(unverified.code()).isEqualTo("csrf-invalid");
        Http.Response out = expect(stayer.send("POST", "/auth/logout", null, true), 200);
        assertThat(out.json().get("redirect")).isEqualTo("/");
        assertThat(stayer.get("/auth/me").status()).isEqualTo(401);
        assertThat(stayer.get("/api/tenants/v1/tenants/" + VICTIM + "/streets").status()).isEqualTo(401);
        // Keycloak's session ended too: the password is asked for again
        assertThatThrownBy(() -> stayer.signIn("console-stayer", null, "/"))
                .hasMessageContaining("asked to sign in again");
    }

    /**
     * Every operation through the console's session route (cookie, and the CSRF token on writes) gets the answer
     * the same user's bearer token gets: the session adds nothing and takes nothing away.
     */
    @Test
    @Order(5)
    void everyOperationThroughTheConsoleSessionGetsTheBearerTokensAnswer() throws Exception {
        user(tokens.of("hongta-bureau-admin"), VICTIM, "console-sweeper", "auditor", null);
        ConsoleBrowser browser = new ConsoleBrowser(gateway);
        browser.signIn("console-sweeper", Tokens.PASSWORD, "/");
        int compared = 0;
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations()) {
            if (op.internal() || !op.path().startsWith("/api/")) {
                continue;
            }
            Http.Response bearer = call(op, tokens.of("console-sweeper"));
            Http.Response session = sessionCall(browser, op);
            compared++;
            boolean same = bearer.status() == session.status()
                    && java.util.Objects.equals(bearer.code(), session.code());
            boolean bothServed = bearer.status() < 400 && session.status() < 400;
            if (!same && !bothServed || (session.status() < 400 && bearer.status() >= 400)) {
                wrong.add(op.method() + " " + op.path() + " → session " + session.status() + " " + session.code()
                        + ", bearer " + bearer.status() + " " + bearer.code());
            }
        }
        System.out.printf("Security suite, console session: %d operations compared with the bearer token, %d wrong%n",
                compared, wrong.size());
        wrong.forEach(w -> System.out.println("  WRONG " + w));
        assertThat(compared).isGreaterThan(200);
        assertThat(wrong).isEmpty();
    }

    private Http.Response sessionCall(ConsoleBrowser browser, Operation op) throws Exception {
        String body = null;
        String type = null;
        if (op.writes()) {
            if (op.contentType() != null && op.contentType().startsWith("multipart/")) {
                body = "--suite\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\ncode,name\r\n--suite--\r\n";
                type = "multipart/form-data; boundary=suite";
            } else {
                body = "{}";
            }
        }
        for (int attempt = 0;; attempt++) {
            Http.Response r = browser.send(op.method(), op.path(), body, type, true);
            if (r.status() != 429 || attempt == 5) {
                return r;
            }
            Thread.sleep(Long.parseLong(r.header("Retry-After")) * 1000);
        }
    }

    void onboard(String token, String code, String name) throws Exception {
        Http.Response r = Http.post(gateway + "/api/tenants/v1/tenants", token,
                "{\"code\":\"" + code + "\",\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.brief()).isIn(200, 202);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Http.Response t = Http.get(gateway + "/api/tenants/v1/tenants/" + code, token);
            if (t.status() == 200 && "ACTIVE".equals(t.json().get("status"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("tenant " + code + " did not become active");
    }

    String contractor(String token, String uscc, String name) throws Exception {
        return id(expect(Http.post(gateway + "/api/tenants/v1/contractors", token, """
                {"uscc":"%s","name":"%s","legalRepresentative":"杨晓云",
                 "contacts":[{"name":"杨晓云","role":"主任","phone":"13908770001"}],"qualifications":[]}"""
                .formatted(uscc, name)), 201));
    }

    void user(String token, String tenant, String username, String role, String contractor) throws Exception {
        // the product gives a temporary password only; the suite sets the user's own through Keycloak (Tokens)
        Http.Response r = expect(Http.post(gateway + "/api/tenants/v1/tenants/" + tenant + "/users", token, """
                {"username":"%s","firstName":"测试","lastName":"用户","role":"%s"%s}""".formatted(username, role,
                contractor == null ? "" : ",\"contractorId\":\"" + contractor + "\"")), 201);
        String id = (String) ((Map<?, ?>) r.json().get("user")).get("id");
        tokens.setPermanentPassword(id);
        created.put(username, id);
    }

    static Http.Response expect(Http.Response r, int status) {
        assertThat(r.status()).as(r.brief()).isEqualTo(status);
        return r;
    }

    static String id(Http.Response r) {
        return String.valueOf(r.json().get("id"));
    }
}
