package io.innkeeper.billing.invoice;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.Session;

import io.innkeeper.billing.BillingConfig;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.billing.rating.BillingMonth;
import io.innkeeper.billing.rating.Draft;
import io.innkeeper.billing.rating.Line;
import io.innkeeper.billing.rating.Prices;
import io.innkeeper.billing.rating.Rating;
import io.innkeeper.billing.tax.InvoiceTax;
import io.innkeeper.billing.tax.TaxLine;
import io.innkeeper.kernel.Money;

/**
 * Invoices one tenant for one month, in one transaction that first locks the tenant: a second run for the same
 * tenant, on this replica or another, waits and then finds the invoice already there. The number is taken last,
 * in the same transaction, so numbers have no gaps and the lock on the issuer's counter is held briefly.
 */
@ApplicationScoped
public class TenantInvoicer {

    @Inject
    EntityManager em;

    @Inject
    BillingInputs inputs;

    @Inject
    BillingConfig config;

    @Inject
    Ledger ledger;

    @Inject
    Clock clock;

    @Inject
    Event<InvoiceChanged> changes;

    @Inject
    InvoiceTax tax;

    @Inject
    InvoiceNumbers numbers;

    @Transactional(TxType.REQUIRES_NEW)
    public Outcome invoice(UUID tenantId, YearMonth period) {
        BilledTenant tenant = inputs.lockTenant(tenantId).orElseThrow(
                () -> new IllegalArgumentException("not a tenant the platform invoices: " + tenantId));
        List<Tuple> existing = em.createNativeQuery("select id, number_text, total from invoice "
                + "where tenant_id = :tenant and period = :period", Tuple.class)
                .setParameter("tenant", tenantId).setParameter("period", period.toString()).getResultList();
        if (!existing.isEmpty()) {
            Tuple r = existing.get(0);
            return new Outcome(tenantId, tenant.name(), Outcome.Kind.EXISTING, r.get("id", UUID.class),
                    r.get("number_text", String.class),
                    new Money(r.get("total", BigDecimal.class), tenant.currency()).rounded(), null);
        }
        BillingMonth month = new BillingMonth(period, tenant.zone());
        Instant now = clock.instant();
        if (month.end().isAfter(now)) {
            return new Outcome(tenantId, tenant.name(), Outcome.Kind.NOT_ENDED, null, null, null,
                    "the month ends at " + month.end());
        }
        Draft draft;
        try {
            draft = rate(tenant, month, month.end());
        } catch (IllegalArgumentException e) {
            return new Outcome(tenantId, tenant.name(), Outcome.Kind.FAILED, null, null, null, e.getMessage());
        }
        if (draft.isEmpty()) {
            return new Outcome(tenantId, tenant.name(), Outcome.Kind.EMPTY, null, null, null, null);
        }
        TaxLine vat = tax.of(draft.total(), tenant.taxCustomer());
        Money total = vat.gross();
        UUID id = UUID.randomUUID();
        long number = numbers.next(config.invoices().issuer());
        String numberText = config.invoices().numberPrefix() + String.format("%06d", number);
        em.createNativeQuery("""
                insert into invoice (id, tenant_id, issuer, number, number_text, period, period_start, period_end,
                                     time_zone, currency, total, tx_bytes, pool_bytes, issued_at, due_at, net, tax,
                                     tax_treatment, tax_country, tax_rate, tax_note, customer_vat_id)
                values (:id, :tenant, :issuer, :number, :text, :period, :start, :end, :zone, :currency, :total,
                        :tx, :pool, :issued, :due, :net, :tax, :treatment, :taxCountry, :rate, :note, :vatId)
                """)
                .setParameter("id", id)
                .setParameter("tenant", tenantId)
                .setParameter("issuer", config.invoices().issuer())
                .setParameter("number", number)
                .setParameter("text", numberText)
                .setParameter("period", period.toString())
                .setParameter("start", month.start())
                .setParameter("end", month.end())
                .setParameter("zone", tenant.zone().getId())
                .setParameter("currency", tenant.currency().getCurrencyCode())
                .setParameter("total", total.amount())
                .setParameter("tx", draft.txBytes())
                .setParameter("pool", draft.poolBytes().longValue())
                .setParameter("issued", now)
                .setParameter("due", now.plus(config.invoices().dueAfter()))
                .setParameter("net", vat.net().amount())
                .setParameter("tax", vat.tax().amount())
                .setParameter("treatment", vat.treatment().name())
                .setParameter("taxCountry", vat.country())
                .setParameter("rate", vat.ratePercent())
                .setParameter("note", vat.note())
                .setParameter("vatId", tenant.taxCustomer().vatId() == null ? null
                        : tenant.taxCustomer().vatId().toString())
                .executeUpdate();
        writeLines(id, draft.lines());
        Instant due = now.plus(config.invoices().dueAfter());
        changes.fire(new InvoiceChanged(InvoiceChanged.Kind.ISSUED, id, tenantId, numberText, period.toString(),
                total, new Money(java.math.BigDecimal.ZERO, tenant.currency()).rounded(), due));
        ledger.invoiced(tenantId, id, total, now);
        return new Outcome(tenantId, tenant.name(), Outcome.Kind.ISSUED, id, numberText, total, null);
    }

    /** The bill so far for the month that contains {@code until}, in the tenant's zone; nothing is stored. */
    @Transactional
    public Draft project(UUID tenantId, Instant until) {
        BilledTenant tenant = inputs.tenant(tenantId).orElseThrow(
                () -> new IllegalArgumentException("not a tenant the platform invoices: " + tenantId));
        return rate(tenant, BillingMonth.of(until, tenant.zone()), until);
    }

    /** {@link #project} and the VAT an invoice of that amount would carry now, for the customer's invoice list. */
    @Transactional
    public TaxedProjection projectWithTax(UUID tenantId, Instant until) {
        BilledTenant tenant = inputs.tenant(tenantId).orElseThrow(
                () -> new IllegalArgumentException("not a tenant the platform invoices: " + tenantId));
        Draft draft = rate(tenant, BillingMonth.of(until, tenant.zone()), until);
        return new TaxedProjection(draft, tax.of(draft.total(), tenant.taxCustomer()));
    }

    /** See {@link #projectWithTax}. */
    public record TaxedProjection(Draft draft, TaxLine tax) {
    }

    /**
     * The bill so far for the month that contains {@code now}, and the month's bill if every server lives to its
     * end (traffic as used so far); the month's inputs are read once for both.
     */
    @Transactional
    public MonthProjection projectMonth(UUID tenantId, Instant now) {
        BilledTenant tenant = inputs.tenant(tenantId).orElseThrow(
                () -> new IllegalArgumentException("not a tenant the platform invoices: " + tenantId));
        BillingMonth month = BillingMonth.of(now, tenant.zone());
        BillingInputs.Inputs in = inputs.load(tenant.id(), month);
        return new MonthProjection(rate(tenant, month, now, in), rate(tenant, month, month.end().minusSeconds(1), in));
    }

    /** See {@link #projectMonth}. */
    public record MonthProjection(Draft soFar, Draft projected) {
    }

    private Draft rate(BilledTenant tenant, BillingMonth month, Instant until) {
        return rate(tenant, month, until, inputs.load(tenant.id(), month));
    }

    private Draft rate(BilledTenant tenant, BillingMonth month, Instant until, BillingInputs.Inputs in) {
        Prices prices = new Prices(new Money(config.trafficOveragePerGb(), tenant.currency()),
                new Money(config.snapshotPerGbMonth(), tenant.currency()));
        return Rating.rate(month, until, tenant.currency(), in.servers(), in.txBytes(), in.snapshots(), prices);
    }

    private void writeLines(UUID invoiceId, List<Line> lines) {
        writeLines(em, LineTable.PLATFORM, invoiceId, lines);
    }

    /** Where an invoice's lines are stored: the platform's invoices' or the resellers' invoices' line table. */
    public enum LineTable {
        PLATFORM("invoice_line"),
        RESELLER("reseller_invoice_line");

        private final String table;

        LineTable(String table) {
            this.table = table;
        }
    }

    /** Stores an invoice's lines, in one batch. */
    public static void writeLines(EntityManager em, LineTable table, UUID invoiceId, List<Line> lines) {
        em.unwrap(Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement("insert into " + table.table + """
                     (invoice_id, position, kind, description, server_id, plan_id, quantity,
                                              unit, unit_price, amount, usage_from, usage_to)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)) {
                int position = 1;
                for (Line l : lines) {
                    insert.setObject(1, invoiceId);
                    insert.setInt(2, position++);
                    insert.setString(3, l.kind().name());
                    insert.setString(4, l.description());
                    insert.setObject(5, l.serverId());
                    insert.setObject(6, l.planId());
                    insert.setBigDecimal(7, l.quantity());
                    insert.setString(8, l.unit());
                    insert.setBigDecimal(9, l.unitPrice().amount());
                    insert.setBigDecimal(10, l.amount().amount());
                    insert.setObject(11, l.usageFrom().atOffset(java.time.ZoneOffset.UTC));
                    insert.setObject(12, l.usageTo().atOffset(java.time.ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
