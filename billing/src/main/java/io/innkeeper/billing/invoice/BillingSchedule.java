package io.innkeeper.billing.invoice;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import io.innkeeper.billing.BillingConfig;
import io.innkeeper.billing.BillingTasks;
import io.innkeeper.billing.ledger.Dunning;

/**
 * Each interval: invoices every tenant whose month has ended (a tenant already invoiced is skipped), then takes
 * the dunning steps that are due. On several replicas one of them runs each period ({@link BillingTasks}); both
 * steps are idempotent per tenant and per invoice besides.
 */
@ApplicationScoped
public class BillingSchedule {

    @Inject
    InvoiceRun run;

    @Inject
    Dunning dunning;

    @Inject
    BillingTasks tasks;

    @Inject
    BillingConfig config;

    @Scheduled(every = "${innkeeper.billing.invoices.interval:1h}", delayed = "${innkeeper.billing.invoices.interval:1h}",
            concurrentExecution = ConcurrentExecution.SKIP, identity = "invoice-run")
    void tick() {
        if (!tasks.claim(BillingTasks.Task.INVOICE_RUN, config.invoices().interval())) {
            return;
        }
        run.run(null, "schedule:" + tasks.replica());
        for (UUID invoice : dunning.overdueInvoices()) {
            dunning.advance(invoice);
        }
    }
}
