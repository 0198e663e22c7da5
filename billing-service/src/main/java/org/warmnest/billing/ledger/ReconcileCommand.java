package org.warmnest.billing.ledger;

import java.io.PrintStream;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.warmnest.platform.tenancy.DistrictReads;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantRegistry;

/**
 * The reconciliation command ({@code scripts/reconcile}, i.e. billing-service started with
 * {@code --warmnest.reconcile-only=true}): for every tenant, every kept balance next to the sum of its journal
 * entries, and every allocation's amount next to what the journal moved into it. Prints each difference and a
 * line per tenant; exits 0 when everything agrees, 1 when anything differs or a tenant could not be read.
 */
@Component
@ConditionalOnProperty("warmnest.reconcile-only")
class ReconcileCommand implements ApplicationRunner, ExitCodeGenerator {

    private final TenantRegistry registry;
    private final DistrictReads reads;
    private final FundJournal journal;
    private final PrintStream out = System.out;
    private int exitCode;

    ReconcileCommand(TenantRegistry registry, DistrictReads reads, FundJournal journal) {
        this.registry = registry;
        this.reads = reads;
        this.journal = journal;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<TenantCode> tenants = registry.withSchemas();
        int differences = 0;
        int unreadable = 0;
        for (TenantCode tenant : tenants) {
            var found = reads.readAs(tenant, t -> journal.reconcile());
            if (found.isEmpty()) {
                out.printf("%s  not readable (still provisioning, or its schema is incomplete)%n", tenant.value());
                unreadable++;
                continue;
            }
            for (FundJournal.Difference d : found.get()) {
                out.printf("%s  %-60s kept %20s   journal %20s   difference %s%n", tenant.value(), d.account(),
                        d.kept().toPlainString(), d.journal().toPlainString(),
                        d.kept().subtract(d.journal()).toPlainString());
            }
            differences += found.get().size();
            out.printf("%s  %s%n", tenant.value(), found.get().isEmpty() ? "balanced"
                    : found.get().size() + " difference(s)");
        }
        out.printf("reconciled %d tenant(s): %d difference(s), %d not readable%n", tenants.size(), differences,
                unreadable);
        exitCode = differences == 0 && unreadable == 0 ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
