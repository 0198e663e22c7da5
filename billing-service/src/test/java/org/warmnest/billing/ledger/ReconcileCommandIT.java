package org.warmnest.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.billing.BillingFixtures.T;
import static org.warmnest.billing.BillingFixtures.body;
import static org.warmnest.billing.BillingFixtures.send;
import static org.warmnest.billing.BillingFixtures.today;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.billing.BillingFixtures;
import org.warmnest.billing.BillingServiceApplication;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/** The reconciliation command against the tests' database: 0 when all agrees; a tampered balance is printed, 1. */
@ServiceTest
class ReconcileCommandIT {

    static final String D = "530428";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.datasource.url}")
    String url;
    @Value("${spring.datasource.username}")
    String user;
    @Value("${spring.datasource.password}")
    String password;
    @Value("${warmnest.database.migration-username}")
    String migrationUser;
    @Value("${warmnest.database.migration-password}")
    String migrationPassword;

    record Run(int exit, String out) {
    }

    Run reconcile() throws Exception {
        PrintStream was = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = BillingServiceApplication.reconcile("--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                    "--warmnest.database.migration-username=" + migrationUser,
                    "--warmnest.database.migration-password=" + migrationPassword,
                    "--warmnest.service-auth.client-secret=test-secret", "--logging.level.root=WARN");
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(was);
        }
    }

    @Test
    void balancedTenantsExitZeroAndATamperedBalanceIsPrintedToTheFen(@Autowired TenantProvisioner provisioner)
            throws Exception {
        BillingFixtures.activate(provisioner, D);
        String finance = TestIssuer.get().user(D, "finance-officer").bearer();
        String id = JsonPath.read(body(send(mvc, T + "/allocations", finance, Map.of("source", "GENERAL_BUDGET",
                "fiscalYear", today().getYear(), "documentNumber", "易民发〔2026〕1号", "purpose", "对账测试",
                "amount", "800.00"), D).andExpect(status().isCreated())), "$.id");
        Run ok = reconcile();
        assertThat(ok.out()).contains(D + "  balanced").contains("0 difference(s)");
        assertThat(ok.exit()).as(ok.out()).isZero();
        jdbc.update("update t_" + D + ".account set balance = balance + 0.01 where account_key = ?", "POOL:" + id);
        try {
            Run off = reconcile();
            assertThat(off.exit()).isEqualTo(1);
            assertThat(off.out()).contains("POOL:" + id).contains("800.01").contains("difference 0.01");
        } finally {
            jdbc.update("update t_" + D + ".account set balance = balance - 0.01 where account_key = ?", "POOL:" + id);
        }
    }
}
