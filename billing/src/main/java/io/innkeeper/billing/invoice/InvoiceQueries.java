package io.innkeeper.billing.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.billing.Dates;
import io.innkeeper.billing.invoice.InvoiceView.LineView;
import io.innkeeper.billing.tax.TaxLine;
import io.innkeeper.billing.tax.TaxTreatment;
import io.innkeeper.kernel.Money;

/** Reads invoices. Every read for a customer takes the tenant, so another tenant's invoice is simply not found. */
@ApplicationScoped
public class InvoiceQueries {

    private static final String HEAD = """
            select i.id, i.tenant_id, t.name, i.number_text, i.period, i.period_start, i.period_end, i.time_zone,
                   i.currency, i.total, i.paid, i.tx_bytes, i.pool_bytes, i.issued_at, i.due_at, i.paid_at,
                   i.net, i.tax, i.tax_treatment, i.tax_country, i.tax_rate, i.tax_note, i.customer_vat_id
            from invoice i join tenancy_tenant t on t.id = i.tenant_id
            """;

    @Inject
    EntityManager em;

    /** The tenant's invoices, newest first, without their lines. */
    @Transactional
    public List<InvoiceView> list(UUID tenantId) {
        List<Tuple> rows = em.createNativeQuery(HEAD + " where i.tenant_id = :t order by i.period_start desc",
                Tuple.class).setParameter("t", tenantId).setMaxResults(120).getResultList();
        return rows.stream().map(r -> head(r, List.of())).toList();
    }

    /** How an invoice stands: paid in full, open (not yet due), or overdue (past its due date, not paid in full). */
    public enum Status {
        OPEN,
        PAID,
        OVERDUE
    }

    /** What a page of invoices may be narrowed to; null fields do not narrow it. */
    public record Filter(Status status, Instant issuedFrom, Instant issuedTo) {
    }

    /**
     * A page of the tenant's invoices, newest issued first, starting after the invoice issued at {@code afterAt}
     * with id {@code afterId} (both null for the first page); answers up to {@code limit + 1} so the caller sees
     * whether there is a next page.
     */
    @Transactional
    public List<InvoiceView> page(UUID tenantId, Filter filter, Instant now, Instant afterAt, UUID afterId,
            int limit) {
        StringBuilder sql = new StringBuilder(HEAD).append(" where i.tenant_id = :t");
        if (filter.status() != null) {
            sql.append(switch (filter.status()) {
                case PAID -> " and i.paid >= i.total";
                case OPEN -> " and i.paid < i.total and i.due_at >= :now";
                case OVERDUE -> " and i.paid < i.total and i.due_at < :now";
            });
        }
        if (filter.issuedFrom() != null) {
            sql.append(" and i.issued_at >= :from");
        }
        if (filter.issuedTo() != null) {
            sql.append(" and i.issued_at < :to");
        }
        if (afterAt != null) {
            sql.append(" and (i.issued_at < :at or (i.issued_at = :at and i.id > :id))");
        }
        sql.append(" order by i.issued_at desc, i.id");
        var query = em.createNativeQuery(sql.toString(), Tuple.class).setParameter("t", tenantId)
                .setMaxResults(limit + 1);
        if (filter.status() != null && filter.status() != Status.PAID) {
            query.setParameter("now", now);
        }
        if (filter.issuedFrom() != null) {
            query.setParameter("from", filter.issuedFrom());
        }
        if (filter.issuedTo() != null) {
            query.setParameter("to", filter.issuedTo());
        }
        if (afterAt != null) {
            query.setParameter("at", afterAt).setParameter("id", afterId);
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        return rows.stream().map(r -> head(r, List.of())).toList();
    }

    /** An invoice's status at {@code now}. */
    public static Status status(InvoiceView invoice, Instant now) {
        if (invoice.isPaid()) {
            return Status.PAID;
        }
        return invoice.dueAt().isBefore(now) ? Status.OVERDUE : Status.OPEN;
    }

    /** Every tenant's latest invoices, for admins. */
    @Transactional
    public List<InvoiceView> latest(int limit) {
        List<Tuple> rows = em.createNativeQuery(HEAD + " order by i.issued_at desc, i.number desc",
                Tuple.class).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> head(r, List.of())).toList();
    }

    /** The tenant's invoice with its lines; empty when it is not the tenant's. */
    @Transactional
    public Optional<InvoiceView> get(UUID tenantId, UUID invoiceId) {
        List<Tuple> rows = em.createNativeQuery(HEAD + " where i.id = :id and i.tenant_id = :t", Tuple.class)
                .setParameter("id", invoiceId).setParameter("t", tenantId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Tuple> lines = em.createNativeQuery("select position, kind, description, server_id, quantity, unit, "
                + "unit_price, amount, usage_from, usage_to from invoice_line where invoice_id = :id order by position",
                Tuple.class).setParameter("id", invoiceId).getResultList();
        return Optional.of(view(rows.get(0), lines));
    }

    /**
     * An invoice read from its head row and line rows, by column name: the platform's invoices and the resellers'
     * ({@link io.innkeeper.billing.reseller.ResellerInvoices}) have the same columns.
     */
    public static InvoiceView view(Tuple head, List<Tuple> lines) {
        Currency currency = Currency.getInstance(head.get("currency", String.class));
        return head(head, lines.stream().map(l -> new LineView(
                l.get("position", Number.class).intValue(), l.get("kind", String.class),
                l.get("description", String.class), l.get("server_id", UUID.class),
                l.get("quantity", BigDecimal.class).stripTrailingZeros(), l.get("unit", String.class),
                new Money(l.get("unit_price", BigDecimal.class).stripTrailingZeros(), currency),
                new Money(l.get("amount", BigDecimal.class), currency).rounded(), Dates.instant(l.get("usage_from")),
                Dates.instant(l.get("usage_to")))).toList());
    }

    /**
     * The hourly usage behind an invoice of the tenant: all its servers' hours in the invoice's month, or one
     * server's hours in a span. Empty when the invoice is not the tenant's.
     */
    @Transactional
    public Optional<List<UsageRow>> usage(UUID tenantId, UUID invoiceId, UUID serverId) {
        return get(tenantId, invoiceId).map(invoice -> usage(tenantId, invoice, serverId));
    }

    /**
     * The hourly usage behind {@code invoice}, which the caller found as the tenant's (a platform invoice or a
     * reseller's invoice to the tenant): the tenant's servers' hours in its month, or one server's.
     */
    @Transactional
    public List<UsageRow> usage(UUID tenantId, InvoiceView invoice, UUID serverId) {
        Instant from = invoice.periodStart();
        Instant to = invoice.periodEnd();
        List<Tuple> rows = em.createNativeQuery("""
                select u.server_id, s.hostname, u.hour, u.existence_seconds, u.running_seconds, u.cpu_ns,
                       u.net_rx_bytes, u.net_tx_bytes, u.disk_read_bytes, u.disk_write_bytes
                from usage_hour u join orders_server s on s.id = u.server_id
                     join tenancy_tenant t on t.id = u.tenant_id
                where (t.id = :t or t.parent_id = :t) and u.hour >= :from and u.hour < :to
                  and (cast(:server as uuid) is null or u.server_id = cast(:server as uuid))
                order by s.hostname, u.server_id, u.hour
                """, Tuple.class)
                .setParameter("t", tenantId).setParameter("from", from).setParameter("to", to)
                .setParameter("server", serverId == null ? null : serverId.toString())
                .setMaxResults(20_000)
                .getResultList();
        return rows.stream().map(r -> new UsageRow(r.get("server_id", UUID.class), r.get("hostname", String.class),
                Dates.instant(r.get("hour")), r.get("existence_seconds", Number.class).intValue(),
                r.get("running_seconds", Number.class).intValue(), r.get("cpu_ns", Number.class).longValue(),
                r.get("net_rx_bytes", Number.class).longValue(), r.get("net_tx_bytes", Number.class).longValue(),
                r.get("disk_read_bytes", Number.class).longValue(),
                r.get("disk_write_bytes", Number.class).longValue())).toList();
    }

    private static InvoiceView head(Tuple r, List<LineView> lines) {
        Currency currency = Currency.getInstance(r.get("currency", String.class));
        return new InvoiceView(r.get("id", UUID.class), r.get("tenant_id", UUID.class), r.get("name", String.class),
                r.get("number_text", String.class), r.get("period", String.class),
                Dates.instant(r.get("period_start")), Dates.instant(r.get("period_end")),
                r.get("time_zone", String.class), new Money(r.get("total", BigDecimal.class), currency).rounded(),
                new Money(r.get("paid", BigDecimal.class), currency).rounded(),
                r.get("tx_bytes", Number.class).longValue(), r.get("pool_bytes", Number.class).longValue(),
                Dates.instant(r.get("issued_at")), Dates.instant(r.get("due_at")), Dates.instant(r.get("paid_at")),
                lines, new TaxLine(TaxTreatment.valueOf(r.get("tax_treatment", String.class)),
                        r.get("tax_country", String.class), r.get("tax_rate", BigDecimal.class),
                        new Money(r.get("net", BigDecimal.class), currency).rounded(),
                        new Money(r.get("tax", BigDecimal.class), currency).rounded(), r.get("tax_note", String.class)),
                r.get("customer_vat_id", String.class));
    }
}
