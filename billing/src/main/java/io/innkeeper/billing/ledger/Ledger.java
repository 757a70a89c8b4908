package io.innkeeper.billing.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.billing.BillingActions;
import io.innkeeper.billing.Dates;
import io.innkeeper.billing.invoice.InvoiceChanged;
import io.innkeeper.kernel.ChangeLog;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Money;

/**
 * The per-tenant credit ledger. Payments and credits are applied to the oldest unpaid invoices first; whatever is
 * left is prepaid credit, applied to the next invoice as soon as it is issued. When a payment leaves no invoice
 * overdue, a suspension for non-payment is lifted (and only that kind).
 */
@ApplicationScoped
public class Ledger {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    BillingActions actions;

    @Inject
    Event<InvoiceChanged> changes;

    @Inject
    Event<PaymentReceived> payments;

    /** A new invoice joins the ledger and takes what prepaid credit there is. Runs in the invoice's transaction. */
    @Transactional(TxType.MANDATORY)
    public void invoiced(UUID tenantId, UUID invoiceId, Money total, Instant at) {
        if (total.amount().signum() > 0) {
            insert(tenantId, at, EntryKind.INVOICE, total, invoiceId, null, null, "system");
        }
        apply(tenantId, at);
    }

    /**
     * {@link #record(UUID, EntryKind, String, String, String, String)} for an admin: {@code log} records the entry
     * in the same transaction.
     */
    @Transactional
    public boolean record(ChangeLog log, UUID tenantId, EntryKind kind, String amount, String reference, String note,
            String by) {
        boolean added = record(tenantId, kind, amount, reference, note, by);
        log.changed(new ChangeLog.Change("billing." + kind.name().toLowerCase(Locale.ROOT), "tenant", tenantId,
                tenantId, amount + (reference == null || reference.isBlank() ? "" : " " + reference), null, null));
        return added;
    }

    /**
     * Records a payment or credit from an admin or a gateway. A payment with a reference already recorded for the
     * tenant is not recorded again.
     *
     * @return whether an entry was added
     */
    @Transactional
    public boolean record(UUID tenantId, EntryKind kind, String amount, String reference, String note, String by) {
        if (kind == null || !kind.isFunds()) {
            throw InvalidInput.of("kind", "Choose payment or credit.");
        }
        Currency currency = lockCurrency(tenantId);
        Money money = parse(amount, currency);
        String ref = reference == null || reference.isBlank() ? null : reference.strip();
        if (ref != null && ref.length() > 200) {
            throw InvalidInput.of("reference", "Keep the reference to 200 characters.");
        }
        String why = note == null ? null : note.strip();
        if (why != null && why.length() > 1000) {
            throw InvalidInput.of("note", "Keep the note to 1000 characters.");
        }
        if (kind == EntryKind.PAYMENT && ref != null && ((Number) em.createNativeQuery("select count(*) from "
                + "ledger_entry where tenant_id = :t and kind = 'PAYMENT' and reference = :ref")
                .setParameter("t", tenantId).setParameter("ref", ref).getSingleResult()).longValue() > 0) {
            return false;
        }
        Instant now = clock.instant();
        UUID entry = insert(tenantId, now, kind, money, null, ref, why, by);
        List<Invoice> paidTowards = apply(tenantId, now);
        if (kind == EntryKind.PAYMENT) {
            Invoice first = paidTowards.isEmpty() ? null : paidTowards.get(0);
            payments.fire(new PaymentReceived(tenantId, entry, money.rounded(), ref, first == null ? null : first.id(),
                    first == null ? null : first.number(), outstanding(tenantId, currency), now));
        }
        if (overdue(tenantId, now) == 0) {
            actions.liftNonPaymentSuspension(tenantId);
        }
        return true;
    }

    /**
     * Records that a gateway gave back {@code refundedTotal} of the payment with {@code reference} so far (gateways
     * report the running total, so a late or repeated report adds nothing). The refunded money is taken back from
     * the invoices it paid, newest first, so an invoice it paid is open again. A payment not yet recorded is recorded
     * first, at {@code paymentAmount}: a refund reported before its payment leaves the payment's own late report a
     * duplicate, which changes nothing.
     *
     * @return the amount refunded now, zero when nothing changed
     */
    @Transactional
    public Money refund(UUID tenantId, String reference, String paymentAmount, String refundedTotal, String by) {
        Currency currency = lockCurrency(tenantId);
        if (reference == null || reference.isBlank() || reference.length() > 200) {
            throw InvalidInput.of("reference", "Name the refunded payment's reference, up to 200 characters.");
        }
        Money refunded = parse(refundedTotal, currency);
        List<?> paid = em.createNativeQuery("select amount from ledger_entry where tenant_id = :t and kind = 'PAYMENT' "
                + "and reference = :ref").setParameter("t", tenantId).setParameter("ref", reference).getResultList();
        BigDecimal payment;
        if (paid.isEmpty()) {
            payment = parse(paymentAmount, currency).amount();
            insert(tenantId, clock.instant(), EntryKind.PAYMENT, new Money(payment, currency), null, reference,
                    "reported with its refund", by);
        } else {
            payment = (BigDecimal) paid.get(0);
        }
        BigDecimal before = (BigDecimal) em.createNativeQuery("select coalesce(sum(amount), 0) from ledger_entry "
                + "where tenant_id = :t and kind = 'REFUND' and reference = :ref").setParameter("t", tenantId)
                .setParameter("ref", reference).getSingleResult();
        BigDecimal now = refunded.amount().min(payment).subtract(before);
        if (now.signum() <= 0) {
            return Money.zero(currency).rounded();
        }
        Instant at = clock.instant();
        insert(tenantId, at, EntryKind.REFUND, new Money(now, currency), null, reference, "refund", by);
        apply(tenantId, at);
        return new Money(now, currency).rounded();
    }

    /** The tenant a gateway payment was recorded for, if it was. */
    @Transactional
    public java.util.Optional<UUID> payer(String reference) {
        List<UUID> rows = em.createNativeQuery("select tenant_id from ledger_entry where kind = 'PAYMENT' and "
                + "reference = :ref", UUID.class).setParameter("ref", reference).setMaxResults(1).getResultList();
        return rows.stream().findFirst();
    }

    /** What the tenant owes: positive when it owes, negative when it holds prepaid credit. */
    @Transactional
    public Money balance(UUID tenantId) {
        Currency currency = currency(tenantId);
        BigDecimal owed = (BigDecimal) em.createNativeQuery("select coalesce(sum(" + EntryKind.SIGNED_AMOUNT_SQL
                + "), 0) from ledger_entry where tenant_id = :t")
                .setParameter("t", tenantId).getSingleResult();
        return new Money(owed, currency).rounded();
    }

    /** A billed tenant's balance and how many of its invoices are overdue. */
    public record Balance(UUID tenantId, String tenantName, Money balance, long overdue) {
    }

    /** Every tenant the platform invoices, with its balance, for admins. */
    @Transactional
    public List<Balance> balances() {
        List<Tuple> rows = em.createNativeQuery("""
                select t.id, t.name, t.currency,
                       coalesce((select sum(%s)
                                 from ledger_entry e where e.tenant_id = t.id), 0) as owed,
                       (select count(*) from invoice i where i.tenant_id = t.id and i.paid < i.total
                                                          and i.due_at < :now) as overdue
                from tenancy_tenant t where t.parent_id is null order by t.name, t.id
                """.formatted(EntryKind.SIGNED_AMOUNT_SQL), Tuple.class).setParameter("now", clock.instant()).setMaxResults(500).getResultList();
        return rows.stream().map(r -> new Balance(r.get("id", UUID.class), r.get("name", String.class),
                new Money(r.get("owed", BigDecimal.class), Currency.getInstance(r.get("currency", String.class)))
                        .rounded(),
                r.get("overdue", Number.class).longValue())).toList();
    }

    @Transactional
    public List<Entry> entries(UUID tenantId) {
        Currency currency = currency(tenantId);
        List<Tuple> rows = em.createNativeQuery("select id, at, kind, amount, invoice_id, reference, note, "
                + "recorded_by from ledger_entry where tenant_id = :t order by at desc, id", Tuple.class)
                .setParameter("t", tenantId).setMaxResults(200).getResultList();
        return rows.stream().map(r -> new Entry(r.get("id", UUID.class), Dates.instant(r.get("at")),
                EntryKind.valueOf(r.get("kind", String.class)),
                new Money(r.get("amount", BigDecimal.class), currency).rounded(), r.get("invoice_id", UUID.class),
                r.get("reference", String.class), r.get("note", String.class), r.get("recorded_by", String.class)))
                .toList();
    }

    /** How many of the tenant's invoices are past their due date and not fully paid. */
    public long overdue(UUID tenantId, Instant now) {
        return ((Number) em.createNativeQuery("select count(*) from invoice where tenant_id = :t and paid < total "
                + "and due_at < :now").setParameter("t", tenantId).setParameter("now", now).getSingleResult())
                .longValue();
    }

    /** An invoice as the ledger spreads payments over it: {@code paid} is what was applied before. */
    private record Invoice(UUID id, BigDecimal total, BigDecimal paid, String number, String period, Instant dueAt,
            String currency) {
    }

    /** What the tenant's invoices still owe, whether due yet or not. */
    private Money outstanding(UUID tenantId, Currency currency) {
        BigDecimal owed = (BigDecimal) em.createNativeQuery("select coalesce(sum(total - paid), 0) from invoice "
                + "where tenant_id = :t and paid < total").setParameter("t", tenantId).getSingleResult();
        return new Money(owed, currency).rounded();
    }

    /** Spreads all payments and credits over the invoices, oldest first; answers the invoices whose paid changed. */
    private List<Invoice> apply(UUID tenantId, Instant now) {
        BigDecimal available = (BigDecimal) em.createNativeQuery("select coalesce(sum(-(" + EntryKind.SIGNED_AMOUNT_SQL
                + ")), 0) from ledger_entry where tenant_id = :t and kind <> 'INVOICE'").setParameter("t", tenantId)
                .getSingleResult();
        available = available.max(BigDecimal.ZERO);
        List<Tuple> rows = em.createNativeQuery("select id, total, paid, number_text, period, due_at, currency "
                + "from invoice where tenant_id = :t order by issued_at, number", Tuple.class)
                .setParameter("t", tenantId).getResultList();
        List<Invoice> invoices = rows.stream().map(r -> new Invoice(r.get("id", UUID.class),
                r.get("total", BigDecimal.class), r.get("paid", BigDecimal.class), r.get("number_text", String.class),
                r.get("period", String.class), Dates.instant(r.get("due_at")), r.get("currency", String.class)))
                .toList();
        List<Invoice> changed = new ArrayList<>();
        for (Invoice inv : invoices) {
            BigDecimal total = inv.total();
            BigDecimal before = inv.paid();
            BigDecimal paid = available.min(total);
            available = available.subtract(paid);
            if (paid.compareTo(before) != 0) {
                changed.add(inv);
                em.createNativeQuery("update invoice set paid = :paid, paid_at = case when :paid >= total "
                        + "then coalesce(paid_at, :now) end where id = :id")
                        .setParameter("paid", paid).setParameter("now", now).setParameter("id", inv.id())
                        .executeUpdate();
                if (paid.compareTo(total) >= 0 && before.compareTo(total) < 0) {
                    Currency currency = Currency.getInstance(inv.currency());
                    changes.fire(new InvoiceChanged(InvoiceChanged.Kind.PAID, inv.id(), tenantId, inv.number(),
                            inv.period(), new Money(total, currency).rounded(), new Money(paid, currency).rounded(),
                            inv.dueAt()));
                }
            }
        }
        return changed;
    }

    private UUID insert(UUID tenantId, Instant at, EntryKind kind, Money amount, UUID invoiceId, String reference,
            String note, String by) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into ledger_entry (id, tenant_id, at, kind, amount, currency, invoice_id, "
                + "reference, note, recorded_by) values (:id, :t, :at, :kind, :amount, :currency, :invoice, :ref, "
                + ":note, :by)")
                .setParameter("id", id)
                .setParameter("t", tenantId)
                .setParameter("at", at)
                .setParameter("kind", kind.name())
                .setParameter("amount", amount.amount())
                .setParameter("currency", amount.currency().getCurrencyCode())
                .setParameter("invoice", invoiceId)
                .setParameter("ref", reference)
                .setParameter("note", note)
                .setParameter("by", by)
                .executeUpdate();
        return id;
    }

    private Currency lockCurrency(UUID tenantId) {
        List<?> rows = em.createNativeQuery("select currency from tenancy_tenant where id = :t for update")
                .setParameter("t", tenantId).getResultList();
        if (rows.isEmpty()) {
            throw InvalidInput.of("tenant", "Choose an existing account.");
        }
        return Currency.getInstance((String) rows.get(0));
    }

    private Currency currency(UUID tenantId) {
        List<?> rows = em.createNativeQuery("select currency from tenancy_tenant where id = :t")
                .setParameter("t", tenantId).getResultList();
        if (rows.isEmpty()) {
            throw InvalidInput.of("tenant", "Choose an existing account.");
        }
        return Currency.getInstance((String) rows.get(0));
    }

    static Money parse(String amount, Currency currency) {
        BigDecimal value;
        try {
            value = new BigDecimal(amount == null ? "" : amount.strip());
        } catch (NumberFormatException e) {
            throw InvalidInput.of("amount", "Enter an amount such as 25.00.");
        }
        if (value.signum() <= 0) {
            throw InvalidInput.of("amount", "Enter an amount above zero.");
        }
        if (value.scale() > currency.getDefaultFractionDigits() || value.precision() - value.scale() > 10) {
            throw InvalidInput.of("amount", "Enter at most " + currency.getDefaultFractionDigits()
                    + " decimals and 10 digits before the point.");
        }
        return new Money(value, currency);
    }

}
