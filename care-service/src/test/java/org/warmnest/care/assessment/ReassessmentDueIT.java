package org.warmnest.care.assessment;

import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.assessment.AssessmentFixtures.ASSESSMENTS;
import static org.warmnest.care.assessment.AssessmentFixtures.DUE;
import static org.warmnest.care.assessment.AssessmentFixtures.anAssessment;
import static org.warmnest.care.assessment.AssessmentFixtures.anElder;
import static org.warmnest.care.assessment.AssessmentFixtures.today;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

/**
 * The reassessments due: active elders whose next assessment is due by the date asked, or who were never
 * assessed; never-assessed first, then by due date; contractor staff see their contractor's elders only.
 */
@ServiceTest
class ReassessmentDueIT {

    static final String T = "211102";
    static final String C1 = "33333333-3333-3333-3333-333333333333";
    static final String C2 = "44444444-4444-4444-4444-444444444444";
    static final String C3 = "55555555-5555-5555-5555-555555555555";
    static final LocalDate DAY = today().minusDays(10);

    @Autowired
    MockMvc mvc;

    final TestIssuer issuer = TestIssuer.get();
    final String admin = issuer.user(T, "bureau-admin").bearer();
    static boolean provisioned;
    static UUID never, overdue, dueOnTheDay, notYet, deceasedOverdue, otherContractors;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            AssessmentFixtures.provision(provisioner, "211100", T);
            provisioned = true;
        }
    }

    @BeforeEach
    void elders() throws Exception {
        if (never != null) {
            return;
        }
        never = anElder().named("甲 从未评估").ofContractor(C1).in(mvc, T);
        overdue = anElder().named("乙 已逾期").ofContractor(C1).assessed(DAY.minusMonths(14), 50).in(mvc, T);
        dueOnTheDay = anElder().named("丙 当日到期").ofContractor(C1).assessed(DAY.minusMonths(12), 70).in(mvc, T);
        notYet = anElder().named("丁 未到期").ofContractor(C1).assessed(DAY.minusMonths(6), 40).in(mvc, T);
        deceasedOverdue = anElder().named("戊 已故").withStatus("DECEASED").ofContractor(C1)
                .assessed(DAY.minusMonths(14), 20).in(mvc, T);
        otherContractors = anElder().named("己 另一机构").ofContractor(C2).assessed(DAY.minusMonths(13), 90)
                .in(mvc, T);
    }

    @Test
    void theDueListHasTheNeverAssessedFirstThenByDueDate() throws Exception {
        mvc.perform(get(DUE, T).param("before", DAY.toString()).header("Authorization", admin))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.items[*].elderId", contains(never.toString(), overdue.toString(),
                        otherContractors.toString(), dueOnTheDay.toString())))
                .andExpect(jsonPath("$.items[0].abilityLevel").doesNotExist())
                .andExpect(jsonPath("$.items[1].name").value("乙 已逾期"))
                .andExpect(jsonPath("$.items[1].abilityLevel").value(2))
                .andExpect(jsonPath("$.items[1].abilityLevelName").value("能力中度受损"))
                .andExpect(jsonPath("$.items[1].nextAssessmentDue").value(DAY.minusMonths(2).toString()));
        mvc.perform(get(DUE, T).param("before", DAY.toString()).param("page", "1").param("size", "3")
                .header("Authorization", issuer.user(T, "auditor").bearer()))
                .andExpect(jsonPath("$.total").value(4)).andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.items[*].elderId", contains(dueOnTheDay.toString())));
        mvc.perform(get(DUE, T).param("before", DAY.minusDays(1).toString()).header("Authorization", admin))
                .andExpect(jsonPath("$.items[*].elderId", contains(never.toString(), overdue.toString(),
                        otherContractors.toString())));
    }

    @Test
    void contractorStaffSeeTheirContractorsEldersOnly() throws Exception {
        mvc.perform(get(DUE, T).param("before", DAY.toString())
                .header("Authorization", issuer.user(T, "care-worker").contractor(C2).bearer()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[*].elderId", contains(otherContractors.toString())));
        mvc.perform(get(DUE, T).param("before", DAY.toString())
                .header("Authorization", issuer.user(T, "contractor-manager").contractor(C1).bearer()))
                .andExpect(jsonPath("$.items[*].elderId", contains(never.toString(), overdue.toString(),
                        dueOnTheDay.toString())));
        // the export holds the same people, for the round
        var result = mvc.perform(get(DUE + "/export", T).param("before", DAY.toString())
                .header("Authorization", issuer.user(T, "care-worker").contractor(C2).bearer()))
                .andExpect(status().isOk()).andReturn();
        if (result.getRequest().isAsyncStarted()) {
            result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .asyncDispatch(result)).andReturn();
        }
        try (var book = org.apache.poi.ss.usermodel.WorkbookFactory.create(
                new java.io.ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
            var sheet = book.getSheetAt(0);
            org.assertj.core.api.Assertions.assertThat(sheet.getLastRowNum()).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThat(sheet.getRow(1).getCell(5).getStringCellValue())
                    .isEqualTo(otherContractors.toString());
        }
    }

    @Test
    void anAssessmentTakesTheElderOffTheList() throws Exception {
        UUID elder = anElder().named("庚 新评估").ofContractor(C3).in(mvc, T);
        String worker = issuer.user(T, "care-worker").contractor(C3).bearer();
        mvc.perform(get(DUE, T).header("Authorization", worker))
                .andExpect(jsonPath("$.items[?(@.elderId=='" + elder + "')]").isNotEmpty());
        mvc.perform(post(ASSESSMENTS, T, elder).header("Authorization", worker)
                .contentType(MediaType.APPLICATION_JSON).content(anAssessment().on(today()).json()))
                .andExpect(status().isCreated());
        mvc.perform(get(DUE, T).header("Authorization", worker))
                .andExpect(jsonPath("$.items[?(@.elderId=='" + elder + "')]").isEmpty());
        mvc.perform(get(DUE, T).param("before", today().plusMonths(12).toString()).header("Authorization", worker))
                .andExpect(jsonPath("$.items[?(@.elderId=='" + elder + "')].nextAssessmentDue")
                        .value(today().plusMonths(12).toString()));
    }

    @Test
    void aBadDateIsAFieldError() throws Exception {
        mvc.perform(get(DUE, T).param("before", "2026-13-01").header("Authorization", admin))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("before"));
    }
}
