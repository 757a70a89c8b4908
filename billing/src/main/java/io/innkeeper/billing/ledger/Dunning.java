package io.innkeeper.billing.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.innkeeper.billing.BillingActions;
import io.innkeeper.billing.Dates;
import io.innkeeper.billing.invoice.InvoiceChanged;
import io.innkeeper.kernel.Money;

/**
 * Takes the dunning steps that are due for one overdue invoice: a reminder, then suspension for non-payment, then a
 * warning before termination, then termination, each after its time past the due date ({@link DunningPolicy}: the admin's settings, else the
 * configuration) and each once (the step row is the guard, so two replicas never take a step twice).
 */
@ApplicationScoped
public class Dunning {

    private static final Logger LOG = Logger.getLogger(Dunning.class);

    @Inject
    EntityManager em;

    @Inject
    DunningPolicy policy;

    @Inject
    BillingActions actions;

    @Inject
    Clock clock;

    @Inject
    Event<InvoiceChanged> changes;

    @Inject
    Event<TerminationWarning> warnings;

    /** Invoices past their due date and not fully paid. */
    @Transactional
    public List<UUID> overdueInvoices() {
        List<UUID> ids = em.createNativeQuery("select id from invoice where paid < total and due_at < :now "
                + "order by due_at", UUID.class).setParameter("now", clock.instant()).getResultList();
        return ids;
    }

    /** An unpaid invoice, locked while its steps are taken. */
    private record Unpaid(UUID tenantId, Instant dueAt, String number, String period, BigDecimal total,
            BigDecimal paid, String currency) {
    }

    /** Takes the steps due for the invoice; answers the steps taken now. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<DunningStep> advance(UUID invoiceId) {
        Instant now = clock.instant();
        List<Tuple> rows = em.createNativeQuery("select tenant_id, due_at, number_text, period, total, paid, "
                + "currency from invoice where id = :id and paid < total for update", Tuple.class)
                .setParameter("id", invoiceId).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Tuple r = rows.get(0);
        Unpaid invoice = new Unpaid(r.get("tenant_id", UUID.class), Dates.instant(r.get("due_at")),
                r.get("number_text", String.class), r.get("period", String.class), r.get("total", BigDecimal.class),
                r.get("paid", BigDecimal.class), r.get("currency", String.class));
        UUID tenantId = invoice.tenantId();
        Instant due = invoice.dueAt();
        String number = invoice.number();
        Duration late = Duration.between(due, now);
        DunningSettings settings = policy.current();
        List<DunningStep> taken = new ArrayList<>();
        for (DunningStep step : DunningStep.values()) {
            if (now.isBefore(settings.at(step, due)) || !mark(invoiceId, step, now)) {
                continue;
            }
            taken.add(step);
            String reason = "Invoice " + number + " is unpaid " + late.toDays() + " days after its due date.";
            switch (step) {
                case REMINDER -> {
                    LOG.infof("dunning reminder for tenant %s: %s", tenantId, reason);
                    Currency currency = Currency.getInstance(invoice.currency());
                    changes.fire(new InvoiceChanged(InvoiceChanged.Kind.OVERDUE, invoiceId, tenantId, number,
                            invoice.period(), new Money(invoice.total(), currency).rounded(),
                            new Money(invoice.paid(), currency).rounded(), due));
                }
                case SUSPENSION -> actions.suspendForNonPayment(tenantId, reason);
                case TERMINATION_WARNING -> {
                    Currency currency = Currency.getInstance(invoice.currency());
                    warnings.fire(new TerminationWarning(tenantId, invoiceId, number,
                            new Money(invoice.total().subtract(invoice.paid()), currency).rounded(),
                            settings.at(DunningStep.TERMINATION, due)));
                }
                case TERMINATION -> actions.terminateForNonPayment(tenantId, reason);
            }
        }
        return taken;
    }

    /** The steps already taken for an invoice. */
    @Transactional
    public List<DunningStep> taken(UUID invoiceId) {
        List<String> steps = em.createNativeQuery("select step from dunning_step where invoice_id = :id "
                + "order by at, step", String.class).setParameter("id", invoiceId).getResultList();
        return steps.stream().map(DunningStep::valueOf).toList();
    }

    private boolean mark(UUID invoiceId, DunningStep step, Instant at) {
        return em.createNativeQuery("insert into dunning_step (invoice_id, step, at) values (:id, :step, :at) "
                + "on conflict do nothing").setParameter("id", invoiceId).setParameter("step", step.name())
                .setParameter("at", at).executeUpdate() == 1;
    }
}
