package io.innkeeper.billing.card;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import io.innkeeper.billing.PaymentGateway;
import io.innkeeper.billing.invoice.InvoiceChanged;
import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.ledger.EntryKind;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.kernel.Backoff;

/**
 * Charges an issued invoice to the tenant's stored card when the tenant asked for it. The invoice run only writes a
 * row (in the invoice's transaction, so an invoice is never issued without it); the charge happens later, outside
 * it, on any replica: a row is claimed with {@code FOR UPDATE SKIP LOCKED} and leased, so two replicas never charge
 * one invoice at once, and the gateway's idempotency key is the invoice and the attempt, so a charge retried after a
 * crash is the same charge. A declined card is retried with growing waits, then given up (the customer pays by hand).
 */
@ApplicationScoped
public class AutoCharges {

    /** How long a claimed charge is left to its replica before another may take it. */
    static final Duration LEASE = Duration.ofMinutes(10);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    StripeGateway gateway;

    @Inject
    StripeConfig config;

    @Inject
    InvoiceQueries invoices;

    @Inject
    Ledger ledger;

    /** The claimed row. */
    record Claimed(UUID invoiceId, UUID tenantId, int attempts) {
    }

    /** Where one invoice's automatic charge stands. */
    public record Status(AutoChargeState state, int attempts, String reference, String lastError) {
    }

    /** Queues an issued invoice of a tenant with automatic charges on; runs in the invoice's transaction. */
    void onIssued(@Observes InvoiceChanged change) {
        if (change.kind() != InvoiceChanged.Kind.ISSUED) {
            return;
        }
        em.createNativeQuery("insert into card_auto_charge (invoice_id, tenant_id, state, next_at) select :i, "
                + "tenant_id, 'PENDING', :at from card_customer where tenant_id = :t and auto_charge "
                + "and method_ref is not null on conflict do nothing").setParameter("i", change.invoiceId())
                .setParameter("t", change.tenantId()).setParameter("at", clock.instant()).executeUpdate();
    }

    @Scheduled(every = "${innkeeper.billing.stripe.auto-charge.interval:1m}",
            delayed = "${innkeeper.billing.stripe.auto-charge.interval:1m}",
            concurrentExecution = ConcurrentExecution.SKIP, identity = "card-auto-charge")
    void tick() {
        if (gateway.configured()) {
            runDue();
        }
    }

    /** Works off every charge that is due now; answers how many were tried. */
    public int runDue() {
        int tried = 0;
        for (Optional<Claimed> next = claim(); next.isPresent(); next = claim()) {
            charge(next.get());
            tried++;
        }
        return tried;
    }

    @Transactional
    public Optional<Status> status(UUID invoiceId) {
        List<Tuple> rows = em.createNativeQuery("select state, attempts, reference, last_error from card_auto_charge "
                + "where invoice_id = :i", Tuple.class).setParameter("i", invoiceId).getResultList();
        return rows.stream().findFirst().map(r -> new Status(AutoChargeState.valueOf(r.get("state", String.class)),
                r.get("attempts", Number.class).intValue(), r.get("reference", String.class),
                r.get("last_error", String.class)));
    }

    @Transactional(TxType.REQUIRES_NEW)
    Optional<Claimed> claim() {
        Instant now = clock.instant();
        List<Tuple> rows = em.createNativeQuery("select invoice_id, tenant_id, attempts from card_auto_charge "
                + "where state = 'PENDING' and next_at <= :now order by next_at limit 1 for update skip locked",
                Tuple.class).setParameter("now", now).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Claimed claimed = new Claimed(rows.get(0).get("invoice_id", UUID.class),
                rows.get(0).get("tenant_id", UUID.class), rows.get(0).get("attempts", Number.class).intValue());
        em.createNativeQuery("update card_auto_charge set next_at = :lease where invoice_id = :i")
                .setParameter("lease", now.plus(LEASE)).setParameter("i", claimed.invoiceId()).executeUpdate();
        return Optional.of(claimed);
    }

    private void charge(Claimed c) {
        InvoiceView invoice = invoices.get(c.tenantId(), c.invoiceId()).orElseThrow();
        if (invoice.isPaid()) {
            skip(c);
            return;
        }
        PaymentGateway.Charge result = gateway.charge(c.tenantId(), invoice.due().rounded(), invoice.number(),
                "auto-charge-" + c.invoiceId() + "-" + c.attempts());
        if (result.succeeded()) {
            paid(c, invoice, result.reference());
        } else {
            failed(c, result.message());
        }
    }

    @Transactional
    void paid(Claimed c, InvoiceView invoice, String reference) {
        ledger.record(c.tenantId(), EntryKind.PAYMENT, invoice.due().rounded().amount().toPlainString(), reference,
                "automatic card charge for " + invoice.number(), "stripe");
        settle(c, AutoChargeState.SUCCEEDED, reference, null);
    }

    @Transactional
    void skip(Claimed c) {
        settle(c, AutoChargeState.SUCCEEDED, null, "paid before the charge");
    }

    @Transactional
    void failed(Claimed c, String message) {
        int attempts = c.attempts() + 1;
        boolean giveUp = attempts >= config.autoCharge().attempts() || "no card is stored".equals(message);
        em.createNativeQuery("update card_auto_charge set attempts = :n, state = :s, next_at = :next, "
                + "last_error = :e where invoice_id = :i").setParameter("n", attempts)
                .setParameter("s", (giveUp ? AutoChargeState.FAILED : AutoChargeState.PENDING).name())
                .setParameter("next", clock.instant().plus(Backoff.after(attempts, config.autoCharge().backoff(),
                        config.autoCharge().backoff().multipliedBy(1 << 10))))
                .setParameter("e", message == null ? null : message.substring(0, Math.min(message.length(), 500)))
                .setParameter("i", c.invoiceId()).executeUpdate();
    }

    private void settle(Claimed c, AutoChargeState state, String reference, String note) {
        em.createNativeQuery("update card_auto_charge set state = :s, attempts = :n, reference = :r, last_error = :e "
                + "where invoice_id = :i").setParameter("s", state.name()).setParameter("n", c.attempts() + 1)
                .setParameter("r", reference).setParameter("e", note).setParameter("i", c.invoiceId())
                .executeUpdate();
    }
}
