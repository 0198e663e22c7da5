package org.warmnest.tenant.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.keycloak.LocalKeycloak;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;
import org.warmnest.tenant.Api;

import com.jayway.jsonpath.JsonPath;

/**
 * User administration against a real Keycloak with the product's realm: onboarding gives a tenant its group; a
 * bureau admin creates users of its tenant, a contractor manager only its own contractor's staff; the tokens
 * Keycloak then issues carry the tenant and contractor claims; disabling is written for the gateway at once.
 */
@ServiceTest
class IdentityAdministrationIT {

    static final String CITY = "530100"; // 昆明市
    static final String DISTRICT = "530102"; // 五华区
    static final String OTHER_CITY = "530300"; // 曲靖市

    static final LocalKeycloak KEYCLOAK = LocalKeycloak.builder(repositoryRoot())
            .home(Path.of("target", "keycloak-" + LocalKeycloak.VERSION))
            .log(Path.of("target", "keycloak.log"))
            .ports(LocalKeycloak.freePort(), LocalKeycloak.freePort()).build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static {
        try {
            KEYCLOAK.start();
        } catch (Exception e) {
            throw new IllegalStateException("Keycloak did not start", e);
        }
    }

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        registry.add("warmnest.identity.enabled", () -> "true");
        registry.add("warmnest.identity.server-url", KEYCLOAK::serverUrl);
        registry.add("warmnest.identity.client-id", () -> "tenant-service");
        registry.add("warmnest.identity.client-secret", () -> "dev-tenant-service-secret");
    }

    @AfterAll
    static void stop() {
        // the JVM may run other test classes after this one: do not keep Keycloak's memory
        KEYCLOAK.close();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TenantProvisioner provisioner;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    IdentityState state;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();
    Api platform;
    Api cityBureau;

    @BeforeEach
    void tenants() throws Exception {
        platform = Api.as(mvc, issuer.platformAdmin().bearer());
        cityBureau = Api.as(mvc, issuer.user(CITY, "bureau-admin").bearer());
        platform.post("/tenants", """
                {"code":"%s","name":"昆明市"}""".formatted(CITY));
        Api.provision(provisioner, CITY);
        cityBureau.post("/tenants", """
                {"code":"%s","name":"五华区"}""".formatted(DISTRICT));
        Api.provision(provisioner, DISTRICT, OTHER_CITY);
    }

    @Test
    void onboardingCreatesTheTenantsGroupAndItsUsersCarryTheClaims() throws Exception {
        String contractorA = contractor("52530100MJ0000001E", "五华区颐养社会工作服务中心");
        String contractorB = contractor("52530100MJ0000002H", "昆明市助老服务中心");
        // staff only for a contractor the tenant has engaged
        cityBureau.post("/tenants/{t}/users", newUser("wh-too-early", "care-worker", contractorA), DISTRICT)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("contractor-not-engaged"));
        engage(contractorA);
        engage(contractorB);

        String managerA = createUser(cityBureau, DISTRICT, "wh-manager-a", "contractor-manager", contractorA);
        String managerB = createUser(cityBureau, DISTRICT, "wh-manager-b", "contractor-manager", contractorB);
        createUser(cityBureau, DISTRICT, "wh-volunteer", "volunteer", null);

        Map<String, Object> claims = claims(passwordGrant("wh-manager-a"));
        assertThat(claims).containsEntry("tenant", DISTRICT).containsEntry("contractor", contractorA)
                .containsEntry("iss", KEYCLOAK.issuer());
        assertThat(claims.get("realm_access").toString()).contains("contractor-manager");
        assertThat(claims(passwordGrant("wh-volunteer"))).containsEntry("tenant", DISTRICT)
                .doesNotContainKey("contractor");

        // A's manager: its own contractor's staff only
        Api asManagerA = Api.as(mvc, issuer.user(DISTRICT, "contractor-manager").subject(managerA)
                .contractor(contractorA).bearer());
        String workerA = createUser(asManagerA, DISTRICT, "wh-worker-a", "care-worker", null);
        asManagerA.post("/tenants/{t}/users", newUser("wh-worker-x", "care-worker", contractorB), DISTRICT)
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("contractor-scope-denied"));
        asManagerA.post("/tenants/{t}/users", newUser("wh-finance-x", "finance-officer", null), DISTRICT)
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("role-not-grantable"));
        asManagerA.post("/tenants/{t}/users", newUser("wh-manager-x", "contractor-manager", null), DISTRICT)
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("role-not-grantable"));
        // another role beside contractor-manager (auditor: reading) does not widen what it may administer
        Api managerAndAuditor = Api.as(mvc, issuer.user(DISTRICT, "contractor-manager", "auditor")
                .subject(managerA).contractor(contractorA).bearer());
        managerAndAuditor.post("/tenants/{t}/users", newUser("wh-admin-x", "bureau-admin", null), DISTRICT)
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("role-not-grantable"));
        managerAndAuditor.post("/tenants/{t}/users/{id}/disable", "", DISTRICT, managerB)
                .andExpect(status().isNotFound());
        asManagerA.get("/tenants/{t}/users", DISTRICT).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[?(@.username == 'wh-manager-b')]").isEmpty());
        asManagerA.post("/tenants/{t}/users/{id}/disable", "", DISTRICT, managerB).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("user-not-found"));
        assertThat(claims(passwordGrant("wh-worker-a"))).containsEntry("contractor", contractorA);

        // nobody beyond their scope
        Api.as(mvc, issuer.user(DISTRICT, "bureau-admin").bearer())
                .post("/tenants/{t}/users", newUser("km-admin-x", "bureau-admin", null), CITY)
                .andExpect(status().isForbidden());
        Api.as(mvc, issuer.user(OTHER_CITY, "bureau-admin").bearer())
                .post("/tenants/{t}/users", newUser("qj-admin-x", "bureau-admin", null), DISTRICT)
                .andExpect(status().isForbidden());
        Api.as(mvc, issuer.user(OTHER_CITY, "bureau-admin").bearer()).get("/tenants/{t}/users", DISTRICT)
                .andExpect(status().isForbidden());
        cityBureau.post("/tenants/{t}/users", newUser("km-root", "platform-admin", null), DISTRICT)
                .andExpect(status().isBadRequest());
        Api auditor = Api.as(mvc, issuer.user(CITY, "auditor").bearer());
        // the other test methods add users of this district too: this one's four are there
        auditor.get("/tenants/{t}/users", DISTRICT).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.username == 'wh-manager-a')]").isNotEmpty())
                .andExpect(jsonPath("$[?(@.username == 'wh-manager-b')]").isNotEmpty())
                .andExpect(jsonPath("$[?(@.username == 'wh-volunteer')]").isNotEmpty())
                .andExpect(jsonPath("$[?(@.username == 'wh-worker-a')]").isNotEmpty());
        auditor.post("/tenants/{t}/users", newUser("wh-aud-x", "volunteer", null), DISTRICT)
                .andExpect(status().isForbidden());
        Api.as(mvc, issuer.user(DISTRICT, "care-worker").contractor(contractorA).bearer())
                .get("/tenants/{t}/users", DISTRICT).andExpect(status().isForbidden());

        // disabling: written for the gateway at once, and Keycloak refuses the user
        long before = System.currentTimeMillis() / 1000;
        asManagerA.post("/tenants/{t}/users/{id}/disable", "", DISTRICT, workerA).andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false));
        assertThat(Long.parseLong(redis.opsForValue().get(state.revokedKey(workerA)))).isBetween(before - 1,
                before + 60);
        assertThat(redis.getExpire(state.revokedKey(workerA))).isPositive();
        assertThat(tokenResponse("wh-worker-a").statusCode()).isEqualTo(400);
        asManagerA.post("/tenants/{t}/users/{id}/disable", "", DISTRICT, managerA).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("user-self-disable"));
        asManagerA.post("/tenants/{t}/users/{id}/enable", "", DISTRICT, workerA).andExpect(status().isOk());
        assertThat(tokenResponse("wh-worker-a").statusCode()).isEqualTo(200);
    }

    /**
     * Finding 7: a manager made a second manager with a permanent password of its choosing. Only a bureau makes
     * managers, every password an administrator gives is temporary, and each account carries who created it
     * ({@code created_by}, into the token) so that care-service can count it as the creator's own hand.
     */
    @Test
    void everyPasswordGivenIsTemporaryAndEveryAccountNamesItsCreator() throws Exception {
        String contractor = contractor("52530100MJ00000071", "五华区安康为老服务中心");
        engage(contractor);
        String manager = createUser(cityBureau, DISTRICT, "wh-manager-c", "contractor-manager", contractor);
        Api asManager = Api.as(mvc, issuer.user(DISTRICT, "contractor-manager").subject(manager)
                .contractor(contractor).bearer());
        // asking for a permanent password changes nothing: the password given must be changed at first sign-in
        String body = Api.body(asManager.post("/tenants/{t}/users", """
                {"username":"wh-worker-c","firstName":"测试","lastName":"用户","role":"care-worker",
                 "password":"Chosen-By-Manager1","temporaryPassword":false}""", DISTRICT)
                .andExpect(status().isCreated()));
        String worker = JsonPath.read(body, "$.user.id");
        HttpResponse<String> refused = form(KEYCLOAK.tokenUri(), Map.of("grant_type", "password", "client_id",
                "warmnest-cli", "username", "wh-worker-c", "password", "Chosen-By-Manager1"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("not fully set up");
        HttpResponse<String> user = admin("GET", "/users/" + worker, null);
        assertThat(JsonPath.<java.util.List<String>>read(user.body(), "$.requiredActions"))
                .contains("UPDATE_PASSWORD");
        assertThat(JsonPath.<java.util.List<String>>read(user.body(), "$.attributes.created_by"))
                .containsExactly(manager);

        // the creator travels in the token
        admin("PUT", "/users/" + worker + "/reset-password", """
                {"type":"password","value":"%s","temporary":false}""".formatted(PASSWORD));
        assertThat(claims(passwordGrant("wh-worker-c"))).containsEntry("created_by", manager);
    }

    /**
     * Finding 6: a contractor manager re-enabled a care worker the bureau had disabled. Who disabled an account is
     * kept with it (platform > city bureau > district bureau > contractor manager); only the same or a higher
     * authority enables it again.
     */
    @Test
    void onlyTheSameOrAHigherAuthorityEnablesAnAccountAgain() throws Exception {
        String contractor = contractor("52530100MJ00000071", "五华区安康为老服务中心");
        engage(contractor);
        String manager = createUser(cityBureau, DISTRICT, "wh-manager-d", "contractor-manager", contractor);
        Api asManager = Api.as(mvc, issuer.user(DISTRICT, "contractor-manager").subject(manager)
                .contractor(contractor).bearer());
        Api districtBureau = Api.as(mvc, issuer.user(DISTRICT, "bureau-admin").bearer());
        String worker = createUser(asManager, DISTRICT, "wh-worker-d", "care-worker", null);

        // the manager's own disabling is the manager's to undo
        asManager.post("/tenants/{t}/users/{id}/disable", "", DISTRICT, worker).andExpect(status().isOk());
        asManager.post("/tenants/{t}/users/{id}/enable", "", DISTRICT, worker).andExpect(status().isOk());

        // the district bureau's is not; disabling it again as the manager does not lower who disabled it
        districtBureau.post("/tenants/{t}/users/{id}/disable", "", DISTRICT, worker).andExpect(status().isOk())
                .andExpect(jsonPath("$.disabledBy.level").value("DISTRICT_BUREAU"));
        asManager.post("/tenants/{t}/users/{id}/disable", "", DISTRICT, worker).andExpect(status().isOk());
        // the list says who disabled whom, with which authority
        districtBureau.get("/tenants/{t}/users", DISTRICT)
                .andExpect(jsonPath("$[?(@.username == 'wh-worker-d')].disabledBy.level").value("DISTRICT_BUREAU"))
                .andExpect(jsonPath("$[?(@.username == 'wh-manager-d')].disabledBy").value(
                        org.hamcrest.Matchers.contains((Object) null)));
        asManager.post("/tenants/{t}/users/{id}/enable", "", DISTRICT, worker).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("user-disabled-by-higher-authority"));
        assertThat(tokenResponse("wh-worker-d").statusCode()).isEqualTo(400);
        assertThat(JsonPath.<java.util.List<String>>read(admin("GET", "/users/" + worker, null).body(),
                "$.attributes.disabled_by_level")).containsExactly("DISTRICT_BUREAU");

        // the city's bureau disables: the district no longer enables, the city (or the platform) does
        districtBureau.post("/tenants/{t}/users/{id}/enable", "", DISTRICT, worker).andExpect(status().isOk());
        cityBureau.post("/tenants/{t}/users/{id}/disable", "", DISTRICT, worker).andExpect(status().isOk());
        districtBureau.post("/tenants/{t}/users/{id}/enable", "", DISTRICT, worker)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("user-disabled-by-higher-authority"));
        platform.post("/tenants/{t}/users/{id}/enable", "", DISTRICT, worker).andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(true));
        assertThat(tokenResponse("wh-worker-d").statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForList("""
                select actor_level from registry.identity_event where user_id = ? and action = 'DISABLED'
                order by id""", String.class, worker))
                .containsExactly("CONTRACTOR_MANAGER", "DISTRICT_BUREAU", "CONTRACTOR_MANAGER", "CITY_BUREAU");
    }

    /**
     * Finding 10: users got Keycloak's default roles (offline access, managing their own account). A product
     * user's token holds its one role; it gets no offline token and cannot edit its own profile.
     */
    @Test
    void usersGetNoDefaultRolesNoOfflineTokensAndNoProfileEdits() throws Exception {
        String id = createUser(cityBureau, DISTRICT, "wh-auditor-e", "auditor", null);
        Map<String, Object> claims = claims(passwordGrant("wh-auditor-e"));
        assertThat(JsonPath.<java.util.List<String>>read(claims, "$.realm_access.roles"))
                .doesNotContain("offline_access", "uma_authorization").contains("auditor");
        assertThat(claims).doesNotContainKey("resource_access");

        HttpResponse<String> offline = form(KEYCLOAK.tokenUri(), Map.of("grant_type", "password", "client_id",
                "warmnest-cli", "username", "wh-auditor-e", "password", PASSWORD, "scope", "openid offline_access"));
        if (offline.statusCode() == 200) {
            String refresh = JsonPath.read(offline.body(), "$.refresh_token");
            assertThat(claims(refresh).get("typ")).isNotEqualTo("Offline");
            assertThat(JsonPath.<String>read(offline.body(), "$.scope")).doesNotContain("offline_access");
        }
        assertThat(JsonPath.<java.util.List<Map<String, Object>>>read(admin("GET",
                "/users/" + id + "/role-mappings/realm/composite", null).body(), "$"))
                .extracting(r -> r.get("name")).doesNotContain("offline_access", "uma_authorization");

        // the account console and its API are closed: a user does not change its own name
        String token = passwordGrant("wh-auditor-e");
        HttpResponse<String> edit = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK.issuer() + "/account"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"username":"wh-auditor-e","firstName":"改名","lastName":"用户"}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(edit.statusCode()).as(edit.body()).isGreaterThanOrEqualTo(400);
        assertThat(JsonPath.<String>read(admin("GET", "/users/" + id, null).body(), "$.firstName")).isEqualTo("测试");
    }

    /**
     * Finding 11: {@code 12345678} was accepted for a finance officer. The realm asks ten characters of four
     * classes, not the user name or e-mail, not a deny-listed one, not one of the last five, and a new one every
     * 90 days; a generated password passes it.
     */
    @Test
    void passwordsFollowTheLevelThreePolicy() throws Exception {
        for (String weak : new String[] { "12345678", "abcdefghijk", "Abcdefghij1", "wh-finance-f1A!", "P@ssw0rd1234" }) {
            cityBureau.post("/tenants/{t}/users", """
                    {"username":"wh-finance-f","firstName":"测试","lastName":"用户","role":"finance-officer",
                     "password":"%s"}""".formatted(weak), DISTRICT)
                    .andExpect(result -> assertThat(result.getResponse().getStatus()).as(weak).isIn(400, 422));
        }
        String body = Api.body(cityBureau.post("/tenants/{t}/users", """
                {"username":"wh-finance-g","firstName":"测试","lastName":"用户","role":"finance-officer"}""",
                DISTRICT).andExpect(status().isCreated()));
        String generated = JsonPath.read(body, "$.generatedPassword");
        assertThat(generated).hasSizeGreaterThanOrEqualTo(10).matches(".*[A-Z].*").matches(".*[a-z].*")
                .matches(".*[0-9].*").matches(".*[^A-Za-z0-9].*");

        String policy = JsonPath.read(admin("GET", "", null).body(), "$.passwordPolicy");
        assertThat(policy).contains("length(10)", "upperCase(1)", "lowerCase(1)", "digits(1)", "specialChars(1)",
                "notUsername", "notEmail", "passwordBlacklist(", "passwordHistory(5)",
                "forceExpiredPasswordChange(90)");
        // the last five are refused again
        String id = JsonPath.read(body, "$.user.id");
        assertThat(admin("PUT", "/users/" + id + "/reset-password", """
                {"type":"password","value":"%s","temporary":false}""".formatted(generated)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void tenantStatusIsWrittenForTheGatewayAtOnce() throws Exception {
        state.sync();
        assertThat(redis.opsForValue().get(state.syncedKey())).isNotNull();
        cityBureau.post("/tenants/{t}/suspend", "", DISTRICT).andExpect(status().isOk());
        assertThat(redis.opsForHash().get(state.statusKey(), DISTRICT)).isEqualTo("SUSPENDED");
        cityBureau.post("/tenants/{t}/activate", "", DISTRICT).andExpect(status().isOk());
        assertThat(redis.opsForHash().get(state.statusKey(), DISTRICT)).isEqualTo("ACTIVE");
    }

    @Test
    void keycloakNotAnsweringRefusesUserAdministrationCleanly() throws Exception {
        // a user name Keycloak already has: refused as a conflict, nothing recorded twice
        createUser(cityBureau, DISTRICT, "wh-dup", "volunteer", null);
        cityBureau.post("/tenants/{t}/users", newUser("wh-dup", "volunteer", null), DISTRICT)
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("user-exists"));
        cityBureau.post("/tenants/{t}/users", newUser("wh-nocontractor", "care-worker", null), DISTRICT)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("contractorId"));
    }

    String contractor(String uscc, String name) throws Exception {
        var existing = JsonPath.parse(Api.body(cityBureau.get("/contractors?uscc=" + uscc)));
        try {
            return existing.read("$.items[0].id");
        } catch (Exception none) {
            return Api.id(cityBureau.post("/contractors", """
                    {"uscc":"%s","name":"%s","legalRepresentative":"李华",
                     "contacts":[{"name":"李华","role":"主任","phone":"13800000051"}],"qualifications":[]}"""
                    .formatted(uscc, name)).andExpect(status().isCreated()));
        }
    }

    String program;

    /** The city's program over the district, and the contractor engaged for it there. */
    void engage(String contractor) throws Exception {
        if (program == null) {
            String body = Api.body(cityBureau.get("/tenants/{t}/programs", CITY));
            java.util.List<String> ids = JsonPath.read(body, "$[*].id");
            program = ids.isEmpty() ? Api.id(cityBureau.post("/tenants/{t}/programs", """
                    {"name":"昆明市关爱空巢老人","startYear":2025,"endYear":2026,"districtCodes":["530102"]}""",
                    CITY).andExpect(status().isCreated())) : ids.get(0);
        }
        cityBureau.post("/tenants/{t}/engagements", """
                {"contractorId":"%s","programOwner":"530100","programId":"%s","startDate":"2025-04-01"}"""
                .formatted(contractor, program), DISTRICT);
    }

    static String newUser(String username, String role, String contractor) {
        return """
                {"username":"%s","firstName":"测试","lastName":"用户","role":"%s",%s
                 "password":"Temporary-2026"}"""
                .formatted(username, role, contractor == null ? "" : "\"contractorId\":\"" + contractor + "\",");
    }

    /**
     * Creates the user through the product (which gives it a temporary password only), then sets the password the
     * tests sign in with through Keycloak's admin API, as the user would at first sign-in.
     */
    static String createUser(Api as, String tenant, String username, String role, String contractor)
            throws Exception {
        String body = Api.body(as.post("/tenants/{t}/users", newUser(username, role, contractor), tenant));
        if (body.contains("user-exists")) { // a second test method in the same Keycloak
            return JsonPath.<java.util.List<String>>read(Api.body(as.get("/tenants/{t}/users", tenant)),
                    "$[?(@.username == '" + username + "')].id").get(0);
        }
        String id = JsonPath.read(body, "$.user.id");
        HttpResponse<String> reset = admin("PUT", "/users/" + id + "/reset-password", """
                {"type":"password","value":"%s","temporary":false}""".formatted(PASSWORD));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
        return id;
    }

    static final String PASSWORD = "Warmnest-2026";

    /** Keycloak's admin API for the realm, as tenant-service's own service account. */
    static HttpResponse<String> admin(String method, String path, String json) throws Exception {
        HttpResponse<String> token = form(KEYCLOAK.tokenUri(), Map.of("grant_type", "client_credentials",
                "client_id", "tenant-service", "client_secret", "dev-tenant-service-secret"));
        String bearer = JsonPath.read(token.body(), "$.access_token");
        return HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK.serverUrl() + "/admin/realms/warmnest" + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> form(String uri, Map<String, String> form) throws Exception {
        String encoded = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> tokenResponse(String username) throws Exception {
        return form(KEYCLOAK.tokenUri(), Map.of("grant_type", "password", "client_id", "warmnest-cli", "username",
                username, "password", PASSWORD));
    }

    static String passwordGrant(String username) throws Exception {
        HttpResponse<String> response = tokenResponse(username);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.access_token");
    }

    static Map<String, Object> claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.read(payload, "$");
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (dir.resolve("keycloak").resolve("warmnest-realm.json").toFile().isFile()) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
}
