package io.innkeeper.billing.bank;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.billing.Dates;
import io.innkeeper.billing.invoice.PaymentReference;
import io.innkeeper.billing.ledger.EntryKind;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.kernel.ChangeLog;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Money;

/**
 * Bank transfers: an admin imports the bank's camt.053 statement and each booked credit is matched to an invoice by
 * the ISO 11649 reference it quotes (structured, else found in the free remittance text). A match is booked as a
 * payment of the whole amount to the invoice's account, through the ledger, which applies it to the oldest open
 * invoices and keeps any rest as prepaid credit, lifts a non-payment suspension once nothing is overdue, and tells
 * the customer ({@code PaymentReceived}). The bank's reference for the entry is the payment's reference: every
 * credit is booked once, however often its statement is imported. Credits that match nothing wait for an admin to
 * assign them to an account.
 */
@ApplicationScoped
public class BankTransfers {

    /** Largest statement file taken, in bytes: below the panel's request body limit (1M), so the page can say so. */
    public static final int MAX_BYTES = 900 * 1024;
    /** Imports take turns, so two imports of one statement cannot both book a credit. */
    private static final long LOCK = 0x62616e6b5f696dL;

    /** How a credit was settled. */
    public enum Outcome {
        /** It paid what its invoice still owed. */
        EXACT,
        /** It paid part of what its invoice owed; the rest stays due. */
        PARTIAL,
        /** It paid its invoice and left the rest on the account as credit. */
        OVER,
        /** No invoice was found for it; an admin assigns it. */
        UNMATCHED,
        /** An admin assigned it to an account. */
        ASSIGNED;

        public boolean isBooked() {
            return this != UNMATCHED;
        }
    }

    /** What one import did. */
    public record ImportSummary(UUID id, String fileName, String statementId, String account, Instant importedAt,
            String importedBy, int credits, int known, int skipped, long unmatched) {
    }

    /** One credit read from a statement and how it was settled. */
    public record Credit(String entryRef, int position, LocalDate bookedOn, Money amount, String debtor,
            String remittance, String reference, Outcome outcome, String reason, UUID invoiceId, String invoiceNumber,
            UUID tenantId, String tenantName, String assignedBy) {
    }

    /** An import with the credits it booked or left unmatched. */
    public record ImportView(ImportSummary summary, List<Credit> credits) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Ledger ledger;

    /** Reads and books a camt.053 statement; {@code log} records the import and each payment. */
    @Transactional
    public ImportSummary importStatement(ChangeLog log, String fileName, byte[] content, String by) {
        String name = fileName == null || fileName.isBlank() ? "statement.xml" : fileName.strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        if (content == null || content.length == 0) {
            throw InvalidInput.of("file", "Choose a camt.053 statement file.");
        }
        if (content.length > MAX_BYTES) {
            throw InvalidInput.of("file", "The file is larger than " + MAX_BYTES / 1024 + " KB.");
        }
        CamtStatement statement = CamtReader.read(content);
        em.createNativeQuery("select pg_advisory_xact_lock(:lock)").setParameter("lock", LOCK).getSingleResult();
        storeMissingReferences();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        em.createNativeQuery("insert into bank_import (id, file_name, statement_id, account, imported_at, "
                + "imported_by) values (:id, :name, :stmt, :account, :at, :by)")
                .setParameter("id", id).setParameter("name", name).setParameter("stmt", statement.statementId())
                .setParameter("account", statement.account()).setParameter("at", now).setParameter("by", by)
                .executeUpdate();
        int credits = 0;
        int known = 0;
        int skipped = 0;
        for (CamtStatement.Entry entry : statement.entries()) {
            if (!entry.isReceived() || entry.reference() == null || entry.amount().signum() <= 0) {
                skipped++;
            } else if (isKnown(entry.reference())) {
                known++;
            } else {
                book(log, id, entry, by);
                credits++;
            }
        }
        em.createNativeQuery("update bank_import set credits = :c, known = :k, skipped = :s where id = :id")
                .setParameter("c", credits).setParameter("k", known).setParameter("s", skipped)
                .setParameter("id", id).executeUpdate();
        log.changed(new ChangeLog.Change("billing.bank_import", "bank_import", id, null, name + ": " + credits
                + " new credits, " + known + " already imported, " + skipped + " skipped", null, null));
        return summary(id).orElseThrow();
    }

    /** Books an unmatched credit to {@code tenantId} by hand. */
    @Transactional
    public void assign(ChangeLog log, String entryRef, UUID tenantId, String by) {
        List<Tuple> rows = em.createNativeQuery("select amount, currency, outcome from bank_credit "
                + "where entry_ref = :ref for update", Tuple.class).setParameter("ref", entryRef).getResultList();
        if (rows.isEmpty()) {
            throw InvalidInput.of("credit", "Choose a credit of this statement.");
        }
        Tuple row = rows.get(0);
        if (Outcome.valueOf(row.get("outcome", String.class)).isBooked()) {
            throw InvalidInput.of("credit", "This credit is already booked.");
        }
        if (tenantId == null) {
            throw InvalidInput.of("tenant", "Choose an account.");
        }
        List<?> currency = em.createNativeQuery("select currency from tenancy_tenant where id = :t and "
                + "parent_id is null").setParameter("t", tenantId).getResultList();
        if (currency.isEmpty()) {
            throw InvalidInput.of("tenant", "Choose an account the platform invoices.");
        }
        String creditCurrency = row.get("currency", String.class);
        if (!creditCurrency.equals(currency.get(0))) {
            throw InvalidInput.of("tenant", "The credit is in " + creditCurrency + " and the account is billed in "
                    + currency.get(0) + ".");
        }
        try {
            ledger.record(log, tenantId, EntryKind.PAYMENT, plain(row.get("amount", BigDecimal.class)), entryRef,
                    "bank transfer, assigned by hand", by);
        } catch (InvalidInput e) {
            throw InvalidInput.of("credit", "The ledger cannot book this credit's amount: "
                    + String.join(" ", e.errors().asMap().values()));
        }
        em.createNativeQuery("update bank_credit set outcome = 'ASSIGNED', tenant_id = :t, assigned_by = :by, "
                + "reason = null where entry_ref = :ref").setParameter("t", tenantId).setParameter("by", by)
                .setParameter("ref", entryRef).executeUpdate();
    }

    @Transactional
    public List<ImportSummary> recent(int limit) {
        return summaries("order by i.imported_at desc, i.id", null, limit);
    }

    @Transactional
    public Optional<ImportView> get(UUID importId) {
        return summary(importId).map(s -> new ImportView(s, credits(importId)));
    }

    private Optional<ImportSummary> summary(UUID id) {
        return summaries("", id, 1).stream().findFirst();
    }

    private List<ImportSummary> summaries(String order, UUID id, int limit) {
        var query = em.createNativeQuery("select i.id, i.file_name, i.statement_id, i.account, i.imported_at, "
                + "i.imported_by, i.credits, i.known, i.skipped, (select count(*) from bank_credit c where "
                + "c.import_id = i.id and c.outcome = 'UNMATCHED') as unmatched from bank_import i"
                + (id == null ? " " : " where i.id = :id ") + order, Tuple.class);
        if (id != null) {
            query.setParameter("id", id);
        }
        List<Tuple> rows = query.setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new ImportSummary(r.get("id", UUID.class), r.get("file_name", String.class),
                r.get("statement_id", String.class), r.get("account", String.class),
                Dates.instant(r.get("imported_at")), r.get("imported_by", String.class),
                r.get("credits", Number.class).intValue(), r.get("known", Number.class).intValue(),
                r.get("skipped", Number.class).intValue(), r.get("unmatched", Number.class).longValue())).toList();
    }

    private List<Credit> credits(UUID importId) {
        List<Tuple> rows = em.createNativeQuery("""
                select c.entry_ref, c.position, c.booked_on, c.amount, c.currency, c.debtor, c.remittance,
                       c.reference, c.outcome, c.reason, c.invoice_id, i.number_text, c.tenant_id, t.name,
                       c.assigned_by
                from bank_credit c left join invoice i on i.id = c.invoice_id
                                   left join tenancy_tenant t on t.id = c.tenant_id
                where c.import_id = :id order by c.position
                """, Tuple.class).setParameter("id", importId).setMaxResults(MAX_LISTED).getResultList();
        return rows.stream().map(r -> new Credit(r.get("entry_ref", String.class),
                r.get("position", Number.class).intValue(), toDate(r.get("booked_on")),
                new Money(r.get("amount", BigDecimal.class), Currency.getInstance(r.get("currency", String.class)))
                        .rounded(),
                r.get("debtor", String.class), r.get("remittance", String.class), r.get("reference", String.class),
                Outcome.valueOf(r.get("outcome", String.class)), r.get("reason", String.class),
                r.get("invoice_id", UUID.class), r.get("number_text", String.class), r.get("tenant_id", UUID.class),
                r.get("name", String.class), r.get("assigned_by", String.class))).toList();
    }

    /** Most credits one import page lists. */
    private static final int MAX_LISTED = 2000;

    /** An invoice a reference names, as it stands before the credit is booked. */
    private record Target(UUID invoiceId, UUID tenantId, String currency, BigDecimal total, BigDecimal paid) {
    }

    private void book(ChangeLog log, UUID importId, CamtStatement.Entry entry, String by) {
        Set<String> candidates = new LinkedHashSet<>();
        for (String ref : entry.creditorReferences()) {
            PaymentReference.parse(ref).ifPresent(candidates::add);
        }
        candidates.addAll(PaymentReference.findIn(entry.unstructured()));
        Target target = null;
        String reference = null;
        for (String candidate : candidates) {
            target = target(candidate);
            if (target != null) {
                reference = candidate;
                break;
            }
        }
        Outcome outcome;
        String reason = null;
        String unbookable = unbookable(entry);
        if (unbookable != null) {
            outcome = Outcome.UNMATCHED;
            reason = unbookable;
        } else if (target == null) {
            outcome = Outcome.UNMATCHED;
            reference = candidates.isEmpty() ? null : candidates.iterator().next();
            reason = candidates.isEmpty() ? "no payment reference found" : "the reference names no invoice";
        } else if (!target.currency().equals(entry.currency())) {
            outcome = Outcome.UNMATCHED;
            reason = "paid in " + entry.currency() + ", invoiced in " + target.currency();
        } else {
            int cmp = entry.amount().compareTo(target.total().subtract(target.paid()));
            outcome = cmp == 0 ? Outcome.EXACT : cmp < 0 ? Outcome.PARTIAL : Outcome.OVER;
        }
        em.createNativeQuery("""
                insert into bank_credit (entry_ref, import_id, position, booked_on, amount, currency, debtor,
                                         remittance, reference, outcome, reason, invoice_id, tenant_id)
                values (:ref, :import, :pos, :booked, :amount, :currency, :debtor, :remittance, :reference,
                        :outcome, :reason, :invoice, :tenant)
                """)
                .setParameter("ref", entry.reference()).setParameter("import", importId)
                .setParameter("pos", entry.position()).setParameter("booked", entry.bookedOn())
                .setParameter("amount", entry.amount()).setParameter("currency", entry.currency())
                .setParameter("debtor", entry.debtor()).setParameter("remittance", entry.unstructured())
                .setParameter("reference", reference).setParameter("outcome", outcome.name())
                .setParameter("reason", reason)
                .setParameter("invoice", target == null ? null : target.invoiceId())
                .setParameter("tenant", outcome.isBooked() ? target.tenantId() : null)
                .executeUpdate();
        if (outcome.isBooked()) {
            ledger.record(log, target.tenantId(), EntryKind.PAYMENT, plain(entry.amount()), entry.reference(),
                    "bank transfer " + reference, by);
        }
    }

    /** Why the ledger could not take the entry's amount as a payment, or null when it can. */
    private static String unbookable(CamtStatement.Entry entry) {
        Currency currency;
        try {
            currency = Currency.getInstance(entry.currency());
        } catch (IllegalArgumentException e) {
            return "unknown currency " + entry.currency();
        }
        BigDecimal amount = entry.amount().stripTrailingZeros();
        if (amount.scale() > currency.getDefaultFractionDigits() || amount.precision() - amount.scale() > 10) {
            return "an amount the ledger cannot book in " + entry.currency();
        }
        return null;
    }

    private Target target(String reference) {
        List<Tuple> rows = em.createNativeQuery("select i.id, i.tenant_id, i.currency, i.total, i.paid from "
                + "invoice_payment_reference r join invoice i on i.id = r.invoice_id where r.reference = :ref",
                Tuple.class).setParameter("ref", reference).getResultList();
        return rows.isEmpty() ? null : new Target(rows.get(0).get("id", UUID.class),
                rows.get(0).get("tenant_id", UUID.class), rows.get(0).get("currency", String.class),
                rows.get(0).get("total", BigDecimal.class), rows.get(0).get("paid", BigDecimal.class));
    }

    private boolean isKnown(String entryRef) {
        return !em.createNativeQuery("select 1 from bank_credit where entry_ref = :ref")
                .setParameter("ref", entryRef).getResultList().isEmpty();
    }

    /** Gives each invoice without one its reference, made by {@link PaymentReference#forInvoice}. */
    private void storeMissingReferences() {
        List<Tuple> rows = em.createNativeQuery("select i.id, i.number_text from invoice i where not exists "
                + "(select 1 from invoice_payment_reference r where r.invoice_id = i.id)", Tuple.class)
                .getResultList();
        List<Object[]> missing = new ArrayList<>();
        for (Tuple r : rows) {
            missing.add(new Object[] { PaymentReference.forInvoice(r.get("number_text", String.class)),
                    r.get("id", UUID.class) });
        }
        for (Object[] m : missing) {
            em.createNativeQuery("insert into invoice_payment_reference (reference, invoice_id) values (:ref, :id) "
                    + "on conflict do nothing").setParameter("ref", m[0]).setParameter("id", m[1]).executeUpdate();
        }
    }

    private static String plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }
}
