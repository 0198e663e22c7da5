package org.warmnest.care.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.CareFixtures.body;
import static org.warmnest.care.CareFixtures.read;
import static org.warmnest.care.CareFixtures.send;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.care.CareFixtures;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * Panjin Shuangtaizi's five-society work (五社联动): activities with person-times, a support group, a clinic,
 * donations, a charity resource and case services, their figures with the elders reached directly counted once,
 * reach by contractor and tenant, auditors reading only, bad input refused whole. Acts in 盘锦 盘山县 (211122), a
 * tenant of its own so that the counts are exact; 兴隆台区 (211103) is the other tenant.
 */
@ServiceTest
class ActivityIT {

    static final String CITY = "211100";
    static final String D = "211122";
    static final String OTHER = "211103";
    static final String C1 = "21112200-0000-0000-0000-000000000001";
    static final String C2 = "21112200-0000-0000-0000-000000000002";
    static final String T = "/api/care/v1/tenants/{t}";
    static final String STREET = D + "001";
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Autowired
    MockMvc mvc;
    @Autowired
    ActivityFigures figures;

    final TestIssuer issuer = TestIssuer.get();
    final String admin = issuer.user(D, "bureau-admin").bearer();
    final String auditor = issuer.user(D, "auditor").bearer();
    final String managerA = issuer.user(D, "contractor-manager").contractor(C1).bearer();
    final String workerA = issuer.user(D, "care-worker").contractor(C1).bearer();
    final String managerB = issuer.user(D, "contractor-manager").contractor(C2).bearer();

    static boolean ready;
    static UUID e1, e2, e3, e4;
    static String v1, vB;

    @BeforeEach
    void tenantAndElders(@Autowired TenantProvisioner provisioner) throws Exception {
        if (ready) {
            return;
        }
        CareFixtures.provision(provisioner, CITY, D, OTHER);
        e1 = CareFixtures.elder(mvc, D, C1, "HIGH", "EMPTY_NEST");
        e2 = CareFixtures.elder(mvc, D, C1, "PRIORITY", "LIVING_ALONE");
        e3 = CareFixtures.elder(mvc, D, C1, "GENERAL", "EMPTY_NEST");
        e4 = CareFixtures.elder(mvc, D, C2, "GENERAL", "EMPTY_NEST");
        v1 = volunteer(managerA, "王秀兰");
        vB = volunteer(managerB, "刘建华");
        ready = true;
    }

    String volunteer(String bearer, String name) throws Exception {
        return JsonPath.read(body(send(mvc, post(T + "/volunteers", D), bearer, Map.of("name", name, "kind",
                "VOLUNTEER", "skills", List.of("助老"), "gridCode", CareFixtures.GRID))
                .andExpect(status().isCreated())), "$.id");
    }

    static String day(int daysAgo) {
        return TODAY.minusDays(daysAgo).toString();
    }

    static Map<String, Object> activity(String title, String kind, int daysAgo, Object... more) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("title", title);
        a.put("kind", kind);
        a.put("heldOn", day(daysAgo));
        a.put("place", "双台子社区活动室");
        a.put("organiser", "双台子社工站");
        for (int i = 0; i < more.length; i += 2) {
            a.put((String) more[i], more[i + 1]);
        }
        return a;
    }

    String created(ResultActions r) throws Exception {
        return JsonPath.read(body(r.andExpect(status().isCreated())), "$.id");
    }

    String figures(String bearer, String query) throws Exception {
        return body(read(mvc, get(T + "/activity-figures?from=" + day(30) + "&to=" + TODAY + query, D), bearer)
                .andExpect(status().isOk()));
    }

    @Test
    void activitiesGroupsDonationsResourcesAndCasesAddUpToTheFiguresEachElderOnce() throws Exception {
        // a support group of three; e2 leaves later; a member joins once at a time
        String group = created(send(mvc, post(T + "/support-groups", D), managerA, Map.of("name", "老伙伴支持小组",
                "purpose", "空巢老人互助", "leader", "张丽", "formedOn", day(20), "elderIds", List.of(e1, e2))));
        send(mvc, post(T + "/support-groups/{g}/members", D, group), workerA, Map.of("elderId", e3, "joinedOn",
                day(19))).andExpect(status().isOk()).andExpect(jsonPath("$.currentMembers").value(3))
                .andExpect(jsonPath("$.contractorId").value(C1));
        send(mvc, post(T + "/support-groups/{g}/members", D, group), workerA, Map.of("elderId", e3))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("group-member-exists"));
        send(mvc, post(T + "/support-groups/{g}/members/{e}/leave", D, group, e2), workerA, Map.of("leftOn", day(5)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.currentMembers").value(2))
                .andExpect(jsonPath("$.members[?(@.elderId == '" + e2 + "')].leftOn").value(day(5)));

        // a festival activity: e1 named twice counts once; 5 others; a volunteer for 2.5 hours
        String festival = created(send(mvc, post(T + "/activities", D), managerA, activity("中秋游园会", "FESTIVAL", 10,
                "streetCode", STREET, "communityCode", STREET + "001", "lotteryFunded", true, "elderIds",
                List.of(e1, e1, e2), "otherAttendees", 5, "volunteers", List.of(Map.of("volunteerId", v1, "hours",
                        2.5)))));
        read(mvc, get(T + "/activities/{a}", D, festival), managerA).andExpect(status().isOk())
                .andExpect(jsonPath("$.elderIds.length()").value(2)).andExpect(jsonPath("$.personTimes").value(7))
                .andExpect(jsonPath("$.lotteryFunded").value(true)).andExpect(jsonPath("$.contractorId").value(C1))
                .andExpect(jsonPath("$.volunteerPersonTimes").value(1))
                .andExpect(jsonPath("$.volunteerHours").value(2.5));
        // attendance appended: e1 again still once, e3 new; then e3 removed
        send(mvc, post(T + "/activities/{a}/attendees", D, festival), workerA, Map.of("elderIds", List.of(e1, e3)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.personTimes").value(8));
        read(mvc, delete(T + "/activities/{a}/attendees/{e}", D, festival, e3), workerA)
                .andExpect(status().isNoContent());
        read(mvc, delete(T + "/activities/{a}/attendees/{e}", D, festival, e3), workerA)
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("attendee-not-found"));

        // a group session of the group; a clinic serving one registered elder and 40 others
        created(send(mvc, post(T + "/activities", D), managerA, activity("小组第一次活动", "GROUP", 8, "groupId", group,
                "elderIds", List.of(e1, e2))));
        read(mvc, get(T + "/support-groups/{g}", D, group), managerA).andExpect(jsonPath("$.sessions").value(1));
        String clinic = created(send(mvc, post(T + "/activities", D), managerA, activity("社区义诊", "HEALTH_CLINIC", 6,
                "streetCode", D + "002", "elderIds", List.of(e3), "otherAttendees", 40)));
        send(mvc, post(T + "/activities/{a}/volunteers", D, clinic), managerA, Map.of("volunteerId", v1, "hours", 3))
                .andExpect(status().isOk()).andExpect(jsonPath("$.personTimes").value(41))
                .andExpect(jsonPath("$.volunteerPersonTimes").value(1));

        // a donation batch: e2 named twice counts once, e3 and e1 appended
        String batch = created(send(mvc, post(T + "/donations", D), managerA, Map.of("receivedOn", day(7), "donor",
                "盘锦市慈善总会", "goods", "米、面、油各一份", "value", "3000.5", "households", 12, "elderIds",
                List.of(e1, e2, e2))));
        send(mvc, post(T + "/donations/{b}/recipients", D, batch), managerA, Map.of("elderIds", List.of(e3, e1)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.elderIds.length()").value(3))
                .andExpect(jsonPath("$.value").value("3000.50"));

        // a charity resource for e3
        created(send(mvc, post(T + "/charity-resources", D), managerA, Map.of("name", "助老助餐基金", "kind", "MONEY",
                "provider", "某爱心企业", "value", 10000, "linkedOn", day(3), "elderIds", List.of(e3))));

        // case services: e1's closed, e2's open, and the bureau's for e4 (contractor B's elder)
        String case1 = created(send(mvc, post(T + "/case-services", D), managerA, Map.of("elderId", e1, "openedOn",
                day(15), "socialWorker", "孙社工", "problem", "独居失能，缺少照料", "plan", "链接助餐与上门服务")));
        send(mvc, post(T + "/case-services/{c}/close", D, case1), managerA, Map.of("closedOn", day(2), "outcome",
                "已落实助餐")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CLOSED"));
        send(mvc, post(T + "/case-services/{c}/close", D, case1), managerA, Map.of("outcome", "再次结案"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("case-service-closed"));
        created(send(mvc, post(T + "/case-services", D), workerA, Map.of("elderId", e2, "openedOn", day(1),
                "socialWorker", "孙社工", "problem", "情绪低落")));
        String caseB = created(send(mvc, post(T + "/case-services", D), admin, Map.of("elderId", e4,
                "socialWorker", "周社工", "problem", "住房安全隐患")));
        read(mvc, get(T + "/case-services/{c}", D, caseB), admin).andExpect(jsonPath("$.contractorId").value(C2))
                .andExpect(jsonPath("$.streetCode").value(STREET));

        // the tenant's figures: each elder reached directly counted once across all of it
        String all = figures(admin, "");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("caseServicesOpened", 3);
        expected.put("caseServicesOpen", 2);
        expected.put("supportGroups", 1);
        expected.put("groupMembers", 3);
        expected.put("activities", 3);
        expected.put("activityPersonTimes", 50);
        expected.put("activityElderPersonTimes", 5);
        expected.put("activityOtherPersonTimes", 45);
        expected.put("healthClinics", 1);
        expected.put("clinicPeopleServed", 41);
        expected.put("donationBatches", 1);
        expected.put("donationHouseholds", 12);
        expected.put("donationElders", 3);
        expected.put("donationValue", "3000.50");
        expected.put("volunteerPersonTimes", 2);
        expected.put("volunteerHours", 5.5);
        expected.put("resourcesLinked", 1);
        expected.put("directBeneficiaries", 4);
        expected.forEach((k, v) -> assertThat((Object) JsonPath.read(all, "$." + k)).as(k).isEqualTo(v));
        // the same through the public reads a KPI report uses, outside any request
        assertThat(TenantContext.callAs(TenantCode.of(D), () -> figures.directElders(TODAY.minusDays(30), TODAY, null,
                null, null))).containsExactlyInAnyOrder(e1, e2, e3, e4);
        ActivityFigures.Figures direct = TenantContext.callAs(TenantCode.of(D), () -> figures.count(
                TODAY.minusDays(30), TODAY, null, null, null));
        assertThat(direct.directBeneficiaries()).isEqualTo(4);
        assertThat(direct.activityPersonTimes()).isEqualTo(50);
        // one street: its one activity and the cases of its elders
        String street = figures(admin, "&streetCode=" + STREET);
        assertThat((Integer) JsonPath.read(street, "$.activities")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(street, "$.activityPersonTimes")).isEqualTo(7);
        assertThat((Integer) JsonPath.read(street, "$.donationBatches")).isZero();
        assertThat((Integer) JsonPath.read(street, "$.directBeneficiaries")).isEqualTo(3);
        // contractor A's own: not the bureau's case for B's elder; contractor B: that case only
        String mine = figures(managerA, "");
        assertThat((Integer) JsonPath.read(mine, "$.caseServicesOpened")).isEqualTo(2);
        assertThat((Integer) JsonPath.read(mine, "$.directBeneficiaries")).isEqualTo(3);
        String theirs = figures(managerB, "");
        assertThat((Integer) JsonPath.read(theirs, "$.activities")).isZero();
        assertThat((Integer) JsonPath.read(theirs, "$.caseServicesOpened")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(theirs, "$.directBeneficiaries")).isEqualTo(1);

        // lists by period, kind and area
        read(mvc, get(T + "/activities?from=" + day(30) + "&to=" + TODAY, D), managerA)
                .andExpect(jsonPath("$.total").value(3)).andExpect(jsonPath("$.items[0].title").value("社区义诊"));
        read(mvc, get(T + "/activities?kind=HEALTH_CLINIC", D), auditor).andExpect(jsonPath("$.total").value(1));
        read(mvc, get(T + "/activities?from=" + day(9) + "&streetCode=" + STREET, D), admin)
                .andExpect(jsonPath("$.total").value(0));
        read(mvc, get(T + "/support-groups", D), admin).andExpect(jsonPath("$.total").value(1));
        read(mvc, get(T + "/donations?to=" + day(8), D), admin).andExpect(jsonPath("$.total").value(0));
        read(mvc, get(T + "/charity-resources?kind=MONEY", D), admin).andExpect(jsonPath("$.total").value(1));
        read(mvc, get(T + "/case-services?status=OPEN", D), admin).andExpect(jsonPath("$.total").value(2));

        // contractor B reaches none of A's rows, nor A's elders
        read(mvc, get(T + "/activities", D), managerB).andExpect(jsonPath("$.total").value(0));
        read(mvc, get(T + "/activities/{a}", D, festival), managerB).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("activity-not-found"));
        send(mvc, post(T + "/activities/{a}/attendees", D, festival), managerB, Map.of("elderIds", List.of(e4)))
                .andExpect(status().isNotFound());
        read(mvc, get(T + "/support-groups/{g}", D, group), managerB).andExpect(status().isNotFound());
        read(mvc, get(T + "/donations/{b}", D, batch), managerB).andExpect(status().isNotFound());
        read(mvc, get(T + "/case-services/{c}", D, case1), managerB).andExpect(status().isNotFound());
        read(mvc, get(T + "/case-services", D), managerB).andExpect(jsonPath("$.total").value(1));
        read(mvc, get(T + "/charity-resources", D), managerB).andExpect(jsonPath("$.total").value(0));
        send(mvc, post(T + "/activities", D), managerB, activity("敬老活动", "ALLIANCE", 1, "elderIds", List.of(e1)))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("elder-not-found"));
        send(mvc, post(T + "/activities", D), managerB, activity("敬老活动", "ALLIANCE", 1, "volunteers",
                List.of(Map.of("volunteerId", v1, "hours", 1)))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("volunteer-not-found"));
        send(mvc, post(T + "/support-groups/{g}/members", D, group), managerB, Map.of("elderId", e4))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("support-group-not-found"));
        read(mvc, get(T + "/activities", D), admin).andExpect(jsonPath("$.total").value(3));

        // another tenant sees nothing of it, and cannot reach this one
        String otherAdmin = issuer.user(OTHER, "bureau-admin").bearer();
        read(mvc, get(T + "/activities", OTHER), otherAdmin).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));
        read(mvc, get(T + "/activity-figures?from=" + day(30) + "&to=" + TODAY, OTHER), otherAdmin)
                .andExpect(jsonPath("$.activities").value(0)).andExpect(jsonPath("$.directBeneficiaries").value(0));
        read(mvc, get(T + "/activities/{a}", D, festival), otherAdmin).andExpect(status().isForbidden());
        read(mvc, get(T + "/activities/{a}", OTHER, festival), otherAdmin).andExpect(status().isNotFound());

        // auditors read everything and write nothing
        read(mvc, get(T + "/activities/{a}", D, festival), auditor).andExpect(status().isOk());
        read(mvc, get(T + "/case-services/{c}", D, caseB), auditor).andExpect(status().isOk());
        send(mvc, post(T + "/activities", D), auditor, activity("讲座", "LECTURE", 1)).andExpect(status().isForbidden());
        send(mvc, post(T + "/activities/{a}/attendees", D, festival), auditor, Map.of("elderIds", List.of(e1)))
                .andExpect(status().isForbidden());
        read(mvc, delete(T + "/activities/{a}/attendees/{e}", D, festival, e1), auditor)
                .andExpect(status().isForbidden());
        send(mvc, post(T + "/support-groups", D), auditor, Map.of("name", "x")).andExpect(status().isForbidden());
        send(mvc, post(T + "/donations", D), auditor, Map.of()).andExpect(status().isForbidden());
        send(mvc, post(T + "/charity-resources", D), auditor, Map.of()).andExpect(status().isForbidden());
        send(mvc, post(T + "/case-services/{c}/close", D, caseB), auditor, Map.of("outcome", "x"))
                .andExpect(status().isForbidden());
        read(mvc, get(T + "/activities/{a}", D, festival), admin).andExpect(jsonPath("$.personTimes").value(7));
    }

    @Test
    void badInputIsRefusedWholeAndNothingIsHalfWritten() throws Exception {
        long before = total(T + "/activities");
        send(mvc, post(T + "/activities", D), managerA, Map.of("kind", "LECTURE", "heldOn", day(1)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("title"));
        send(mvc, post(T + "/activities", D), managerA, activity("讲座", "LECTURE", 1, "volunteers",
                List.of(Map.of("volunteerId", v1, "hours", 30)))).andExpect(status().isBadRequest());
        send(mvc, post(T + "/activities", D), managerA, activity("讲座", "LECTURE", 1, "otherAttendees", -1))
                .andExpect(status().isBadRequest());
        send(mvc, post(T + "/activities", D), managerA, activity("讲座", "NO_SUCH_KIND", 1))
                .andExpect(status().isBadRequest());
        send(mvc, post(T + "/activities", D), managerA, activity("讲座", "LECTURE", 1, "volunteers",
                List.of(Map.of("volunteerId", v1, "hours", 1), Map.of("volunteerId", v1, "hours", 2))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("volunteer-twice"));
        send(mvc, post(T + "/activities", D), managerA, activity("讲座", "LECTURE", 1, "contractorId", C2))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("contractor-not-yours"));
        send(mvc, post(T + "/activities", D), managerA, activity("讲座", "FESTIVAL", 1, "groupId",
                UUID.randomUUID().toString())).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("group-only-for-group-activity"));
        // one elder out of reach refuses the whole activity: none of it is written
        send(mvc, post(T + "/activities", D), managerA, activity("讲座", "LECTURE", 1, "elderIds", List.of(e1, e4)))
                .andExpect(status().isNotFound());
        assertThat(total(T + "/activities")).isEqualTo(before);

        send(mvc, post(T + "/donations", D), managerA, Map.of("receivedOn", day(1), "donor", "某单位", "goods", "棉衣",
                "value", "-1", "households", 1)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("value"));
        send(mvc, post(T + "/donations", D), managerA, Map.of("receivedOn", day(-2), "donor", "某单位", "goods", "棉衣",
                "households", 1)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("in-future"));
        send(mvc, post(T + "/donations", D), managerA, Map.of("receivedOn", day(1), "donor", "某单位", "goods", "棉衣",
                "value", "1.234", "households", 1)).andExpect(status().isBadRequest());
        send(mvc, post(T + "/charity-resources", D), managerA, Map.of("name", "场地", "kind", "LAND", "provider", "x"))
                .andExpect(status().isBadRequest());
        send(mvc, post(T + "/case-services", D), managerA, Map.of("elderId", e1, "socialWorker", "孙社工"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("problem"));
        // (long before the other test's period, so that its figures stay exact whichever runs first)
        String kase = created(send(mvc, post(T + "/case-services", D), managerA, Map.of("elderId", e3, "openedOn",
                day(45), "socialWorker", "孙社工", "problem", "行动不便")));
        send(mvc, post(T + "/case-services/{c}/close", D, kase), managerA, Map.of("closedOn", day(46), "outcome", "x"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("before-start"));
        read(mvc, get(T + "/case-services/{c}", D, kase), managerA).andExpect(jsonPath("$.status").value("OPEN"));
        send(mvc, post(T + "/case-services/{c}/close", D, kase), managerA, Map.of("closedOn", day(40), "outcome",
                "已转介")).andExpect(status().isOk());

        read(mvc, get(T + "/activities?size=501", D), managerA).andExpect(status().isBadRequest());
        read(mvc, get(T + "/activities?from=" + day(1) + "&to=" + day(2), D), managerA)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("before-from"));
        read(mvc, get(T + "/activity-figures?to=" + TODAY, D), managerA).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("required"));
        read(mvc, get(T + "/activity-figures?from=" + day(400) + "&to=" + TODAY, D), managerA)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("period-too-long"));
        read(mvc, get(T + "/activities/not-a-uuid", D), managerA).andExpect(status().isBadRequest());
    }

    long total(String path) throws Exception {
        return ((Number) JsonPath.read(body(read(mvc, get(path, D), admin)), "$.total")).longValue();
    }
}
