package org.warmnest.care.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.CareFixtures.body;
import static org.warmnest.care.CareFixtures.read;
import static org.warmnest.care.CareFixtures.send;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.care.CareFixtures;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestDatabases;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * Visits: what was done with its flags, health data kept out of normal reads, reviewed once by someone else,
 * immutable once verified, amended with the original kept and its billing keys carried, listed for billing only
 * when verified; isolation by tenant and contractor.
 */
@ServiceTest
class VisitIT {

    static final String CITY = "610100";
    static final String D = "610104";
    static final String OTHER = "610111";
    static final String C1 = "61000000-0000-0000-0000-000000000011";
    static final String C2 = "61000000-0000-0000-0000-000000000012";
    static final String VISITS = "/api/care/v1/tenants/{t}/elders/{e}/visits";
    static final String VISIT = "/api/care/v1/tenants/{t}/visits/{id}";
    static final String BILLABLE = "/internal/v1/tenants/{t}/billable-records";
    // 玉溪 红塔区, near 北苑社区
    static final double HOME_LAT = 24.354123;
    static final double HOME_LNG = 102.541234;

    @Autowired
    org.springframework.core.env.Environment environment;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();
    static boolean provisioned;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            CareFixtures.provision(provisioner, CITY, D, OTHER);
            provisioned = true;
        }
    }

    String worker(String contractor) {
        return issuer.user(D, "care-worker").contractor(contractor).subject("worker-" + contractor).bearer();
    }

    String manager(String contractor, String who) {
        return issuer.user(D, "contractor-manager").contractor(contractor).subject(who).bearer();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
    }

    static Map<String, Object> place(OffsetDateTime at, double lat, double lng) {
        return Map.of("at", at.toString(), "latitude", lat, "longitude", lng);
    }

    /** The 玉溪 loop's home visit: health check, safety check with a hazard, the warm pack signed for. */
    static Map<String, Object> homeVisit(OffsetDateTime start, double lat, double lng) {
        Map<String, Object> v = new HashMap<>();
        v.put("mode", "HOME_VISIT");
        v.put("startedAt", start.toString());
        v.put("endedAt", start.plusMinutes(50).toString());
        v.put("checkIn", place(start, lat, lng));
        v.put("checkOut", place(start.plusMinutes(50), lat, lng));
        v.put("services", List.of(Map.of("item", "HOME_VISIT"), Map.of("item", "HEALTH_CHECK"),
                Map.of("item", "SAFETY_CHECK"), Map.of("item", "WARM_PACK", "quantity", 1)));
        v.put("readings", List.of(Map.of("kind", "BLOOD_PRESSURE", "systolic", 162, "diastolic", 95),
                Map.of("kind", "TEMPERATURE", "value", 36.6)));
        v.put("medicines", List.of(Map.of("name", "硝苯地平缓释片", "expiresOn", "2025-03-01", "guidance", "已过期，已劝停用"),
                Map.of("name", "阿司匹林肠溶片", "expiresOn", "2030-01-01")));
        v.put("safetyChecked", List.of("ELECTRICITY", "GAS", "ANTI_SLIP"));
        v.put("hazards", List.of(Map.of("category", "ELECTRICITY", "description", "插线板老化、电线裸露",
                "advice", "更换插线板，请社区电工检修")));
        v.put("difficulties", List.of(Map.of("category", "MEDICAL", "description", "行动不便，需陪同就医")));
        v.put("supplies", List.of(Map.of("item", "羽绒背心", "quantity", 1), Map.of("item", "保暖内衣", "quantity", 1),
                Map.of("item", "袜子", "quantity", 2)));
        v.put("suppliesSignOff", Map.of("signedBy", "李桂芳", "signedAt", start.plusMinutes(40).toString()));
        v.put("companionship", "聊天、读报，拍摄合影");
        return v;
    }

    String recordVisit(UUID elder, Map<String, Object> visit, String bearer) throws Exception {
        return JsonPath.read(body(send(mvc, post(VISITS, D, elder), bearer, visit).andExpect(status().isCreated())),
                "$.id");
    }

    UUID locatedElder(String contractor) throws Exception {
        UUID elder = CareFixtures.elder(mvc, D, contractor, "HIGH", "LIVING_ALONE");
        Map<String, Object> call = new HashMap<>(homeVisit(now().minusDays(3), HOME_LAT, HOME_LNG));
        call.put("setHomeFromCheckIn", true);
        recordVisit(elder, call, worker(contractor));
        return elder;
    }

    @Test
    void aHomeVisitKeepsWhatWasDoneWithFlagsAndShowsHealthDataOnlyThroughTheAuditedRead() throws Exception {
        UUID elder = locatedElder(C1);
        // 80 m away: plausible
        String id = recordVisit(elder, homeVisit(now().minusHours(2), HOME_LAT + 0.0007, HOME_LNG), worker(C1));
        String view = body(read(mvc, get(VISIT, D, id), worker(C1)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RECORDED"))
                .andExpect(jsonPath("$.readingsTaken").value(2)).andExpect(jsonPath("$.readingsOutOfRange").value(1))
                .andExpect(jsonPath("$.medicinesChecked").value(2)).andExpect(jsonPath("$.medicinesExpired").value(1))
                .andExpect(jsonPath("$.services.length()").value(4))
                .andExpect(jsonPath("$.supplies.length()").value(3))
                .andExpect(jsonPath("$.suppliesSignedBy").value("李桂芳"))
                .andExpect(jsonPath("$.concerns.length()").value(2))
                .andExpect(jsonPath("$.locationFlags.length()").value(0)));
        assertThat((Integer) JsonPath.read(view, "$.distanceMeters")).isBetween(70, 90);
        assertThat(view).doesNotContain("162").doesNotContain("硝苯地平");
        assertThat(jdbc.queryForObject("select health_cipher from t_" + D + ".visit where id = ?::uuid",
                String.class, id)).doesNotContain("162").doesNotContain("硝苯地平");
        long trail = jdbc.queryForObject("select count(*) from t_" + D + ".pii_access", Long.class);
        String full = body(send(mvc, post(VISIT + "/sensitive-data", D, id), worker(C1), Map.of("reason", "复核血压"))
                .andExpect(status().isOk()));
        assertThat((List<String>) JsonPath.read(full, "$.readings[?(@.kind == 'BLOOD_PRESSURE')].flag"))
                .containsExactly("HIGH");
        assertThat((List<Boolean>) JsonPath.read(full, "$.medicines[*].expired")).containsExactly(true, false);
        assertThat(jdbc.queryForObject("select count(*) from t_" + D + ".pii_access", Long.class)).isEqualTo(trail + 1);
    }

    @Test
    void implausiblePlacesAreFlaggedAndBadInputRefused() throws Exception {
        UUID elder = locatedElder(C1);
        // 3 km away
        String far = recordVisit(elder, homeVisit(now().minusHours(5), HOME_LAT + 0.027, HOME_LNG), worker(C1));
        read(mvc, get(VISIT, D, far), worker(C1))
                .andExpect(jsonPath("$.locationFlags[?(@ == 'FAR_FROM_HOME')]").exists());
        Map<String, Object> noCheckIn = new HashMap<>(homeVisit(now().minusHours(1), HOME_LAT, HOME_LNG));
        noCheckIn.remove("checkIn");
        noCheckIn.remove("checkOut");
        String unplaced = recordVisit(elder, noCheckIn, issuer.user(D, "care-worker").contractor(C1)
                .subject("another-worker").bearer());
        read(mvc, get(VISIT, D, unplaced), worker(C1)).andExpect(jsonPath("$.locationFlags[0]").value("NO_CHECK_IN"));
        // the same worker 300 km away twenty minutes after the far visit's check-out
        Map<String, Object> teleport = homeVisit(now().minusHours(5).plusMinutes(70), HOME_LAT + 2.7, HOME_LNG);
        String jumped = recordVisit(elder, teleport, worker(C1));
        read(mvc, get(VISIT, D, jumped), worker(C1))
                .andExpect(jsonPath("$.locationFlags[?(@ == 'IMPLAUSIBLE_TRAVEL')]").exists());

        Map<String, Object> unsigned = new HashMap<>(homeVisit(now().minusHours(1), HOME_LAT, HOME_LNG));
        unsigned.remove("suppliesSignOff");
        send(mvc, post(VISITS, D, elder), worker(C1), unsigned).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("suppliesSignOff"));
        Map<String, Object> absurd = new HashMap<>(homeVisit(now().minusHours(1), HOME_LAT, HOME_LNG));
        absurd.put("readings", List.of(Map.of("kind", "TEMPERATURE", "value", 96.8)));
        send(mvc, post(VISITS, D, elder), worker(C1), absurd).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("reading-implausible"));
        Map<String, Object> future = new HashMap<>(homeVisit(now().plusHours(2), HOME_LAT, HOME_LNG));
        send(mvc, post(VISITS, D, elder), worker(C1), future).andExpect(status().isBadRequest());
        Map<String, Object> badHazard = new HashMap<>(homeVisit(now().minusHours(1), HOME_LAT, HOME_LNG));
        badHazard.put("hazards", List.of(Map.of("category", "GHOSTS", "description", "?")));
        send(mvc, post(VISITS, D, elder), worker(C1), badHazard).andExpect(status().isBadRequest());
        // none of the refused visits left anything behind
        assertThat(jdbc.queryForObject("select count(*) from t_" + D + ".visit where elder_id = ?::uuid", Long.class,
                elder.toString())).isEqualTo(4);
    }

    @Test
    void aVisitIsReviewedOnceBySomeoneElseAndNeverChangesOnceVerified() throws Exception {
        UUID elder = locatedElder(C1);
        String id = recordVisit(elder, homeVisit(now().minusHours(3), HOME_LAT, HOME_LNG),
                issuer.user(D, "contractor-manager").contractor(C1).subject("manager-who-visited").bearer());
        send(mvc, post(VISIT + "/verify", D, id), manager(C1, "manager-who-visited"), Map.of())
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("review-own-visit"));
        send(mvc, post(VISIT + "/verify", D, id), manager(C2, "other-contractor"), Map.of())
                .andExpect(status().isNotFound());
        send(mvc, post(VISIT + "/verify", D, id), worker(C1), Map.of()).andExpect(status().isForbidden());

        // two supervisors at the same moment: one verifies, the other is told it is done
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> outcomes = new ArrayList<>();
        for (String who : List.of("supervisor-1", "supervisor-2")) {
            Callable<Integer> review = () -> {
                go.await();
                return send(mvc, post(VISIT + "/verify", D, id), manager(C1, who), Map.of("note", "核实无误"))
                        .andReturn().getResponse().getStatus();
            };
            outcomes.add(pool.submit(review));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : outcomes) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(jdbc.queryForObject("select status from t_" + D + ".visit where id = ?::uuid", String.class, id))
                .isEqualTo("VERIFIED");

        String schema = "t_" + D;
        assertThatThrownBy(() -> jdbc.update("update " + schema + ".visit set note = 'changed' where id = ?::uuid", id))
                .hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> jdbc.update("delete from " + schema + ".visit_service where visit_id = ?::uuid", id))
                .hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> jdbc.update("update " + schema + ".visit_service set quantity = 9 where visit_id = ?::uuid",
                id)).hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> jdbc.update("delete from " + schema + ".visit where id = ?::uuid", id))
                .hasMessageContaining("cannot be deleted");
        send(mvc, post(VISIT + "/reject", D, id), manager(C1, "supervisor-3"), Map.of("note", "照片不清"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("visit-already-reviewed"));
    }

    /**
     * An account one made, or the account that made one, is one's own hand: a contractor manager who makes a second
     * account cannot have it verify the first one's visits (the token's {@code created_by}, kept on the visit).
     */
    @Test
    void aVisitRecordedByOnesCreatorOrByAnAccountOneCreatedCountsAsOnesOwn() throws Exception {
        UUID elder = locatedElder(C1);
        String byCreator = recordVisit(elder, homeVisit(now().minusHours(3), HOME_LAT, HOME_LNG),
                issuer.user(D, "contractor-manager").contractor(C1).subject("mgr-first")
                        .claim("created_by", "bureau-1").bearer());
        String madeByFirst = issuer.user(D, "contractor-manager").contractor(C1).subject("mgr-second")
                .claim("created_by", "mgr-first").bearer();
        send(mvc, post(VISIT + "/verify", D, byCreator), madeByFirst, Map.of())
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("review-own-visit"));

        String byCreated = recordVisit(elder, homeVisit(now().minusHours(2), HOME_LAT, HOME_LNG), madeByFirst);
        assertThat(jdbc.queryForObject("select recorded_by_creator from t_" + D + ".visit where id = ?::uuid",
                String.class, byCreated)).isEqualTo("mgr-first");
        send(mvc, post(VISIT + "/reject", D, byCreated),
                issuer.user(D, "contractor-manager").contractor(C1).subject("mgr-first").bearer(),
                Map.of("note", "自己人")).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("review-own-visit"));

        // someone else (made by the bureau) verifies both
        String unrelated = issuer.user(D, "contractor-manager").contractor(C1).subject("mgr-third")
                .claim("created_by", "bureau-1").bearer();
        send(mvc, post(VISIT + "/verify", D, byCreator), unrelated, Map.of()).andExpect(status().isOk());
        send(mvc, post(VISIT + "/verify", D, byCreated), unrelated, Map.of()).andExpect(status().isOk());
    }

    @Test
    void anAmendmentKeepsTheOriginalAndItsBillingKeysAndBillingSeesOnlyTheVisitThatStands() throws Exception {
        UUID elder = locatedElder(C1);
        String program = UUID.randomUUID().toString();
        send(mvc, post("/api/care/v1/tenants/{t}/elders/{e}/programs", D, elder), worker(C1),
                Map.of("programId", program, "enrolledOn", now().minusDays(30).toLocalDate().toString()))
                .andExpect(status().isCreated());
        Map<String, Object> visit = new HashMap<>(homeVisit(now().minusHours(6), HOME_LAT, HOME_LNG));
        visit.put("programId", program);
        String original = recordVisit(elder, visit, worker(C1));
        String service = issuer.service("billing-service").bearer();
        String from = now().minusDays(2).toLocalDate().toString();
        String to = now().toLocalDate().toString();
        read(mvc, get(BILLABLE, D).param("contractorId", C1).param("programId", program).param("from", from)
                .param("to", to), service).andExpect(status().isOk()).andExpect(jsonPath("$.records.length()").value(0));
        // asked for, what awaits review is listed as such (billing shows it as not yet payable)
        String pending = body(read(mvc, get(BILLABLE, D).param("contractorId", C1).param("programId", program)
                .param("from", from).param("to", to).param("includeUnverified", "true"), service));
        assertThat((List<String>) JsonPath.read(pending, "$.records[*].status")).hasSize(4).containsOnly("RECORDED");
        send(mvc, post(VISIT + "/verify", D, original), manager(C1, "supervisor-1"), Map.of()).andExpect(status().isOk());
        String billable = body(read(mvc, get(BILLABLE, D).param("contractorId", C1).param("programId", program)
                .param("from", from).param("to", to), service).andExpect(status().isOk()));
        List<String> keys = JsonPath.read(billable, "$.records[*].billingKey");
        assertThat(keys).hasSize(4);
        assertThat((List<Boolean>) JsonPath.read(billable, "$.records[*].elderEnrolled")).containsOnly(true);
        assertThat((List<String>) JsonPath.read(billable, "$.records[*].district")).containsOnly(D);
        assertThat((List<String>) JsonPath.read(billable, "$.records[*].status")).containsOnly("VERIFIED");

        // the amendment: the warm pack was two, not one; a companionship service added
        Map<String, Object> corrected = new HashMap<>(visit);
        corrected.put("services", List.of(Map.of("item", "HOME_VISIT"), Map.of("item", "HEALTH_CHECK"),
                Map.of("item", "SAFETY_CHECK"), Map.of("item", "WARM_PACK", "quantity", 2),
                Map.of("item", "COMPANIONSHIP")));
        corrected.remove("hazards");
        corrected.remove("difficulties");
        String amendment = JsonPath.read(body(send(mvc, post(VISIT + "/amendments", D, original), worker(C1),
                Map.of("visit", corrected, "reason", "暖心包实发两份")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.amendsId").value(original))), "$.id");
        send(mvc, post(VISIT + "/amendments", D, original), worker(C1), Map.of("visit", corrected, "reason", "再改"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("visit-amendment-pending"));
        // until the amendment is verified, the original stands for billing
        read(mvc, get(VISIT, D, original), worker(C1)).andExpect(jsonPath("$.status").value("VERIFIED"));
        read(mvc, get(BILLABLE, D).param("contractorId", C1).param("from", from).param("to", to), service)
                .andExpect(jsonPath("$.records[?(@.visitId == '" + original + "')]").isNotEmpty())
                .andExpect(jsonPath("$.records[?(@.visitId == '" + amendment + "')]").isEmpty());
        send(mvc, post(VISIT + "/verify", D, amendment), manager(C1, "supervisor-2"), Map.of()).andExpect(status().isOk());
        read(mvc, get(VISIT, D, original), worker(C1)).andExpect(jsonPath("$.status").value("SUPERSEDED"))
                .andExpect(jsonPath("$.supersededById").value(amendment));
        String after = body(read(mvc, get(BILLABLE, D).param("contractorId", C1).param("programId", program)
                .param("from", from).param("to", to), service));
        assertThat((List<String>) JsonPath.read(after, "$.records[*].visitId")).containsOnly(amendment);
        List<String> keysAfter = JsonPath.read(after, "$.records[*].billingKey");
        assertThat(keysAfter).hasSize(5).containsAll(keys);
        assertThat((List<Integer>) JsonPath.read(after, "$.records[?(@.serviceItem == 'WARM_PACK')].quantity"))
                .containsExactly(2);
        send(mvc, post(VISIT + "/amendments", D, original), worker(C1), Map.of("visit", corrected, "reason", "再改"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("visit-superseded"));
        // another contractor's records are never listed for this one; users never reach the internal API
        read(mvc, get(BILLABLE, D).param("contractorId", C2).param("from", from).param("to", to), service)
                .andExpect(jsonPath("$.records.length()").value(0));
        read(mvc, get(BILLABLE, D).param("contractorId", C1).param("from", from).param("to", to),
                issuer.user(D, "bureau-admin").bearer()).andExpect(status().isForbidden());
    }

    @Test
    void anUnverifiedVisitIsSupersededAtOnceByItsAmendment() throws Exception {
        UUID elder = locatedElder(C1);
        String original = recordVisit(elder, homeVisit(now().minusHours(4), HOME_LAT, HOME_LNG), worker(C1));
        send(mvc, post(VISIT + "/reject", D, original), manager(C1, "supervisor-1"), Map.of())
                .andExpect(status().isBadRequest());
        send(mvc, post(VISIT + "/reject", D, original), manager(C1, "supervisor-1"), Map.of("note", "缺少签收照片"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REJECTED"));
        String amendment = JsonPath.read(body(send(mvc, post(VISIT + "/amendments", D, original), worker(C1),
                Map.of("visit", homeVisit(now().minusHours(4), HOME_LAT, HOME_LNG), "reason", "补充签收"))
                .andExpect(status().isCreated())), "$.id");
        read(mvc, get(VISIT, D, original), worker(C1)).andExpect(jsonPath("$.status").value("SUPERSEDED"))
                .andExpect(jsonPath("$.supersededById").value(amendment));
    }

    @Test
    void hazardsAreFollowedUntilClosedAndEachStepIsKept() throws Exception {
        UUID elder = locatedElder(C1);
        String id = recordVisit(elder, homeVisit(now().minusHours(2), HOME_LAT, HOME_LNG), worker(C1));
        List<String> hazards = JsonPath.read(body(read(mvc, get(VISIT, D, id), worker(C1))),
                "$.concerns[?(@.kind == 'HAZARD')].id");
        String hazard = hazards.get(0);
        String concern = "/api/care/v1/tenants/{t}/concerns/{id}";
        String today = now().toLocalDate().toString();
        send(mvc, post(concern + "/follow-ups", D, hazard), worker(C1), Map.of("followedOn", today,
                "note", "已联系社区电工", "status", "IN_HAND")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.concern.status").value("IN_HAND"));
        send(mvc, post(concern + "/follow-ups", D, hazard), worker(C1), Map.of("followedOn", today,
                "note", "插线板已更换", "status", "CLOSED")).andExpect(status().isBadRequest());
        send(mvc, post(concern + "/follow-ups", D, hazard), worker(C1), Map.of("followedOn", today,
                "note", "插线板已更换", "status", "CLOSED", "outcome", "整改完成", "visitId", id))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.concern.status").value("CLOSED"))
                .andExpect(jsonPath("$.followUps.length()").value(2));
        send(mvc, post(concern + "/follow-ups", D, hazard), worker(C1), Map.of("followedOn", today,
                "note", "again", "status", "IN_HAND")).andExpect(status().isConflict());
        read(mvc, get(concern, D, hazard), worker(C2)).andExpect(status().isNotFound());
        assertThatThrownBy(() -> TestDatabases.asMigrationLogin(environment).update("update t_" + D + ".concern_follow_up set note = 'x'"))
                .hasMessageContaining("append-only");
        read(mvc, get("/api/care/v1/tenants/{t}/concerns", D).param("kind", "HAZARD").param("status", "CLOSED"),
                worker(C1)).andExpect(jsonPath("$.items[?(@.id == '" + hazard + "')]").isNotEmpty());
    }

    /** A 1×1 PNG. */
    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Test
    void photosAreKeptWithTheirHashAndServedOnlyInScopeAndOnlyAsPhotos() throws Exception {
        UUID elder = locatedElder(C1);
        String id = recordVisit(elder, homeVisit(now().minusHours(2), HOME_LAT, HOME_LNG), worker(C1));
        String uploaded = body(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .multipart(VISIT + "/evidence", D, id)
                .file(new org.springframework.mock.web.MockMultipartFile("file", "签收.jpg", "image/jpeg", PNG))
                .param("purpose", "SUPPLIES_SIGNOFF").header("Authorization", worker(C1)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.contentType").value("image/png")));
        String photo = JsonPath.read(uploaded, "$.id");
        assertThat((String) JsonPath.read(uploaded, "$.sha256")).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(PNG)));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(VISIT + "/evidence",
                D, id).file(new org.springframework.mock.web.MockMultipartFile("file", "x.jpg", "image/jpeg",
                        "<html><script>alert(1)</script></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Authorization", worker(C1))).andExpect(status().isUnsupportedMediaType());
        var download = read(mvc, get("/api/care/v1/tenants/{t}/evidence/{id}", D, photo), worker(C1))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.getContentType()).isEqualTo("image/png");
        read(mvc, get("/api/care/v1/tenants/{t}/evidence/{id}", D, photo), worker(C2)).andExpect(status().isNotFound());
        read(mvc, get("/api/care/v1/tenants/{t}/evidence/{id}", OTHER, photo), issuer.user(OTHER, "bureau-admin")
                .bearer()).andExpect(status().isNotFound());
        // verified: the evidence is fixed; an amendment shows the original's photos
        send(mvc, post(VISIT + "/verify", D, id), manager(C1, "supervisor-1"), Map.of()).andExpect(status().isOk());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(VISIT + "/evidence",
                D, id).file(new org.springframework.mock.web.MockMultipartFile("file", "y.png", "image/png", PNG))
                .header("Authorization", worker(C1))).andExpect(status().isConflict());
        String amendment = JsonPath.read(body(send(mvc, post(VISIT + "/amendments", D, id), worker(C1),
                Map.of("visit", homeVisit(now().minusHours(2), HOME_LAT, HOME_LNG), "reason", "补充"))
                .andExpect(status().isCreated())), "$.id");
        read(mvc, get(VISIT + "/evidence", D, amendment), worker(C1)).andExpect(jsonPath("$[0].id").value(photo));
    }

    /** A phone contact the given volunteer made, as a request. */
    static Map<String, Object> volunteerCall(String volunteerId) {
        OffsetDateTime start = now().minusHours(3);
        return new HashMap<>(Map.of("mode", "PHONE", "performerKind", "VOLUNTEER", "volunteerId", volunteerId,
                "startedAt", start.toString(), "endedAt", start.plusMinutes(30).toString(),
                "services", List.of(Map.of("item", "COMPANIONSHIP"))));
    }

    @Test
    void contractorStaffCannotCreditAVisitToAVolunteerOutOfTheirReach() throws Exception {
        UUID elder = locatedElder(C1);
        String bureauVolunteer = JsonPath.read(body(send(mvc, post("/api/care/v1/tenants/{t}/volunteers", D),
                issuer.user(D, "bureau-admin").bearer(), Map.of("name", "区局志愿者甲", "kind", "VOLUNTEER"))
                .andExpect(status().isCreated())), "$.id");
        String othersVolunteer = JsonPath.read(body(send(mvc, post("/api/care/v1/tenants/{t}/volunteers", D),
                manager(C2, "manager-c2"), Map.of("name", "乙机构志愿者", "kind", "VOLUNTEER"))
                .andExpect(status().isCreated())), "$.id");
        Integer before = jdbc.queryForObject("select count(*) from t_" + D + ".visit where elder_id = ?",
                Integer.class, elder);
        for (String unreachable : List.of(bureauVolunteer, othersVolunteer)) {
            String refused = body(send(mvc, post(VISITS, D, elder), worker(C1), volunteerCall(unreachable))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("volunteerId"))
                    .andExpect(jsonPath("$.errors[0].code").value("volunteer-unknown")));
            assertThat(refused).doesNotContain("区局志愿者甲").doesNotContain("乙机构志愿者");
        }
        assertThat(jdbc.queryForObject("select count(*) from t_" + D + ".visit where elder_id = ?", Integer.class,
                elder)).isEqualTo(before);
        // the bureau, who sees every volunteer of the tenant, may credit its own volunteer
        send(mvc, post(VISITS, D, elder), issuer.user(D, "bureau-admin").bearer(), volunteerCall(bureauVolunteer))
                .andExpect(status().isCreated());
    }

    @Test
    void healthPhotosKeptInClearBeforeAreSealedInTheBackgroundAndFollowKeyRotation(
            @Autowired org.warmnest.care.evidence.EvidenceStore store,
            @Autowired org.warmnest.care.pii.PiiRotation rotation,
            @Autowired org.warmnest.platform.tenancy.TenantRegistry registry,
            @Autowired javax.sql.DataSource dataSource,
            @Autowired org.springframework.transaction.PlatformTransactionManager transactions,
            @Autowired org.warmnest.care.pii.PiiProperties configured) throws Exception {
        UUID elder = locatedElder(C1);
        String id = recordVisit(elder, homeVisit(now().minusHours(2), HOME_LAT, HOME_LNG), worker(C1));
        // a health photo as the product kept it before health photos were sealed: the photo itself in the store
        String photo = JsonPath.read(body(mvc.perform(org.springframework.test.web.servlet.request
                .MockMvcRequestBuilders.multipart(VISIT + "/evidence", D, id)
                .file(new org.springframework.mock.web.MockMultipartFile("file", "旧血压照.png", "image/png", PNG))
                .header("Authorization", worker(C1))).andExpect(status().isCreated())), "$.id");
        jdbc.update("update t_" + D + ".evidence set purpose = 'HEALTH' where id = ?::uuid", photo);
        String clearKey = storageKey(photo);
        assertThat(stored(store, clearKey)).isEqualTo(PNG);
        assertThat(rotation.unsealedPhotos()).isPositive();

        rotation.rotateAll();

        assertThat(rotation.unsealedPhotos()).isZero();
        String sealedKey = storageKey(photo);
        assertThat(jdbc.queryForObject("select sealed from t_" + D + ".evidence where id = ?::uuid", Boolean.class,
                photo)).isTrue();
        assertThat(new String(stored(store, sealedKey), java.nio.charset.StandardCharsets.ISO_8859_1))
                .startsWith("sm4gcm:test1:").doesNotContain("PNG").doesNotContain("IHDR");
        // the photo in clear is gone from the store, not just forgotten by the record
        assertThat(sealedKey).isNotEqualTo(clearKey);
        assertThat(store.exists(clearKey)).isFalse();
        assertThat(downloaded(photo, "复核旧照片")).isEqualTo(PNG);

        // a new active key: the background work re-encrypts sealed photos under it too, and they still read
        org.warmnest.care.pii.PiiCipher next = new org.warmnest.care.pii.PiiCipher(
                new org.warmnest.care.pii.PiiProperties("AES-GCM", configured.keys(), "test2",
                        configured.indexKey(), configured.indexAlgorithm()));
        org.warmnest.care.pii.PiiRotation rotating = new org.warmnest.care.pii.PiiRotation(next, registry,
                dataSource, transactions, store);
        assertThat(rotating.remaining()).isPositive();
        rotating.rotateAll();
        assertThat(rotating.remaining()).isZero();
        String rotatedKey = storageKey(photo);
        assertThat(new String(stored(store, rotatedKey), java.nio.charset.StandardCharsets.ISO_8859_1))
                .startsWith("aesgcm:test2:");
        assertThat(store.exists(sealedKey)).isFalse();
        assertThat(downloaded(photo, "复核轮换后的照片")).isEqualTo(PNG);
        rotation.rotateAll(); // back under the configured key, as the running service would do
        assertThat(rotation.remaining()).isZero();
        assertThat(downloaded(photo, "再次复核")).isEqualTo(PNG);
    }

    private String storageKey(String photo) {
        return jdbc.queryForObject("select storage_key from t_" + D + ".evidence where id = ?::uuid", String.class,
                photo);
    }

    private static byte[] stored(org.warmnest.care.evidence.EvidenceStore store, String key) throws Exception {
        try (var in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private byte[] downloaded(String photo, String reason) throws Exception {
        var download = read(mvc, get("/api/care/v1/tenants/{t}/evidence/{id}", D, photo).param("reason", reason),
                worker(C1)).andExpect(status().isOk()).andReturn();
        if (download.getRequest().isAsyncStarted()) {
            download = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .asyncDispatch(download)).andReturn();
        }
        return download.getResponse().getContentAsByteArray();
    }

    @Test
    void healthPhotosAreEncryptedAtRestAndReadOnlyByThoseWhoMayRevealEachReadAudited(
            @Autowired org.warmnest.care.evidence.EvidenceStore store) throws Exception {
        UUID elder = locatedElder(C1);
        String id = recordVisit(elder, homeVisit(now().minusHours(2), HOME_LAT, HOME_LNG), worker(C1));
        String uploaded = body(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .multipart(VISIT + "/evidence", D, id)
                .file(new org.springframework.mock.web.MockMultipartFile("file", "血压计.png", "image/png", PNG))
                .param("purpose", "HEALTH").header("Authorization", worker(C1)))
                .andExpect(status().isCreated()));
        String photo = JsonPath.read(uploaded, "$.id");
        assertThat((String) JsonPath.read(uploaded, "$.sha256")).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(PNG)));
        // what the store holds is not the photo
        String key = jdbc.queryForObject("select storage_key from t_" + D + ".evidence where id = ?::uuid",
                String.class, photo);
        byte[] kept;
        try (var in = store.open(key)) {
            kept = in.readAllBytes();
        }
        assertThat(new String(kept, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("sm4gcm:test1:")
                .doesNotContain("PNG").doesNotContain("IHDR");
        String url = "/api/care/v1/tenants/{t}/evidence/{id}";
        read(mvc, get(url, D, photo).param("reason", "检查"), issuer.user(D, "auditor").bearer())
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("evidence-health-not-allowed"));
        read(mvc, get(url, D, photo), worker(C1)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        Integer before = jdbc.queryForObject("select count(*) from t_" + D + ".pii_access where elder_id = ?",
                Integer.class, elder);
        var download = read(mvc, get(url, D, photo).param("reason", "复核血压记录"), worker(C1))
                .andExpect(status().isOk()).andReturn();
        if (download.getRequest().isAsyncStarted()) {
            download = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .asyncDispatch(download)).andReturn();
        }
        assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(PNG);
        assertThat(download.getResponse().getContentType()).isEqualTo("image/png");
        assertThat(jdbc.queryForObject("select count(*) from t_" + D + ".pii_access where elder_id = ? and reason"
                + " = '复核血压记录' and fields[1] = ?", Integer.class, elder, "healthPhoto:" + photo)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from t_" + D + ".pii_access where elder_id = ?",
                Integer.class, elder)).isEqualTo(before + 1);
        // another contractor's worker still does not reach it at all
        read(mvc, get(url, D, photo).param("reason", "查看"), worker(C2)).andExpect(status().isNotFound());
    }

    @Test
    void visitsAreReachedOnlyInScope() throws Exception {
        UUID elder = locatedElder(C1);
        String id = recordVisit(elder, homeVisit(now().minusHours(2), HOME_LAT, HOME_LNG), worker(C1));
        read(mvc, get(VISIT, D, id), worker(C2)).andExpect(status().isNotFound());
        send(mvc, post(VISITS, D, elder), worker(C2), homeVisit(now(), HOME_LAT, HOME_LNG))
                .andExpect(status().isNotFound());
        read(mvc, get(VISIT, OTHER, id), issuer.user(OTHER, "bureau-admin").bearer()).andExpect(status().isNotFound());
        read(mvc, get(VISIT, D, id), issuer.user(D, "auditor").bearer()).andExpect(status().isOk());
        send(mvc, post(VISITS, D, elder), issuer.user(D, "auditor").bearer(), homeVisit(now(), HOME_LAT, HOME_LNG))
                .andExpect(status().isForbidden());
        read(mvc, get(VISIT, D, id), issuer.user(D, "volunteer").bearer()).andExpect(status().isForbidden());
        read(mvc, get(VISIT, D, id), issuer.platformAdmin().bearer()).andExpect(status().isForbidden());
        String listed = body(read(mvc, get("/api/care/v1/tenants/{t}/visits", D), worker(C2)));
        assertThat((List<String>) JsonPath.read(listed, "$.items[*].id")).doesNotContain(id);
        read(mvc, get("/api/care/v1/tenants/{t}/visits", D).param("elderId", elder.toString()), worker(C1))
                .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").isNotEmpty());
    }

    @Test
    void onlyVisitsWhosePlaceLooksWrongAreListedAsFlagged() throws Exception {
        UUID elder = locatedElder(C1);
        String near = recordVisit(elder, homeVisit(now().minusHours(6), HOME_LAT, HOME_LNG), worker(C1));
        String far = recordVisit(elder, homeVisit(now().minusHours(3), HOME_LAT + 0.027, HOME_LNG), worker(C1));
        String flagged = body(read(mvc, get("/api/care/v1/tenants/{t}/visits", D).param("elderId", elder.toString())
                .param("flagged", "true"), worker(C1)).andExpect(status().isOk()));
        assertThat((List<String>) JsonPath.read(flagged, "$.items[*].id")).contains(far).doesNotContain(near);
        assertThat((List<List<String>>) JsonPath.read(flagged, "$.items[*].locationFlags")).allMatch(f -> !f.isEmpty());
    }

    @Test
    void aContractorTheElderHasLeftKeepsItsVisitsButNoLongerReadsTheElderHealth() throws Exception {
        UUID elder = locatedElder(C1);
        String id = recordVisit(elder, homeVisit(now().minusHours(2), HOME_LAT, HOME_LNG), worker(C1));
        send(mvc, post(VISIT + "/sensitive-data", D, id), worker(C1), Map.of("reason", "复核血压"))
                .andExpect(status().isOk());
        // the bureau entrusts the elder to another contractor
        jdbc.update("update t_" + D + ".elder set contractor_id = ?::uuid where id = ?::uuid", C2, elder.toString());
        read(mvc, get(VISIT, D, id), worker(C1)).andExpect(status().isOk());
        send(mvc, post(VISIT + "/sensitive-data", D, id), worker(C1), Map.of("reason", "复核血压"))
                .andExpect(status().isNotFound());
        read(mvc, get(VISIT, D, id), worker(C2)).andExpect(status().isNotFound());
    }
}
