package io.innkeeper.billing.invoice;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import io.innkeeper.billing.ledger.Dunning;

/**
 * Each interval: invoices every tenant whose month has ended (a tenant already invoiced is skipped), then takes
 * the dunning steps that are due. Safe on several replicas: both are idempotent per tenant and per invoice.
 */
@ApplicationScoped
public class BillingSchedule {

    @Inject
    InvoiceRun run;

    @Inject
    Dunning dunning;

    @Scheduled(every = "${innkeeper.billing.invoices.interval:1h}", delayed = "${innkeeper.billing.invoices.interval:1h}",
            concurrentExecution = ConcurrentExecution.SKIP, identity = "invoice-run")
    void tick() {
        run.run(null, "schedule");
        for (UUID invoice : dunning.overdueInvoices()) {
            dunning.advance(invoice);
        }
    }
}
