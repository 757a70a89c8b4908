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
import jakarta.transaction.Transactional;

import io.innkeeper.billing.Dates;
import io.innkeeper.billing.invoice.InvoiceView.LineView;
import io.innkeeper.kernel.Money;

/** Reads invoices. Every read for a customer takes the tenant, so another tenant's invoice is simply not found. */
@ApplicationScoped
public class InvoiceQueries {

    private static final String HEAD = """
            select i.id, i.tenant_id, t.name, i.number_text, i.period, i.period_start, i.period_end, i.time_zone,
                   i.currency, i.total, i.paid, i.tx_bytes, i.pool_bytes, i.issued_at, i.due_at, i.paid_at
            from invoice i join tenancy_tenant t on t.id = i.tenant_id
            """;

    @Inject
    EntityManager em;

    /** The tenant's invoices, newest first, without their lines. */
    @Transactional
    public List<InvoiceView> list(UUID tenantId) {
        List<Object[]> rows = em.createNativeQuery(HEAD + " where i.tenant_id = :t order by i.period_start desc",
                Object[].class).setParameter("t", tenantId).setMaxResults(120).getResultList();
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
        var query = em.createNativeQuery(sql.toString(), Object[].class).setParameter("t", tenantId)
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
        List<Object[]> rows = query.getResultList();
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
        List<Object[]> rows = em.createNativeQuery(HEAD + " order by i.issued_at desc, i.number desc",
                Object[].class).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> head(r, List.of())).toList();
    }

    /** The tenant's invoice with its lines; empty when it is not the tenant's. */
    @Transactional
    public Optional<InvoiceView> get(UUID tenantId, UUID invoiceId) {
        List<Object[]> rows = em.createNativeQuery(HEAD + " where i.id = :id and i.tenant_id = :t", Object[].class)
                .setParameter("id", invoiceId).setParameter("t", tenantId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Currency currency = Currency.getInstance((String) rows.get(0)[8]);
        List<Object[]> lines = em.createNativeQuery("select position, kind, description, server_id, quantity, unit, "
                + "unit_price, amount, usage_from, usage_to from invoice_line where invoice_id = :id order by position",
                Object[].class).setParameter("id", invoiceId).getResultList();
        return Optional.of(head(rows.get(0), lines.stream().map(l -> new LineView(((Number) l[0]).intValue(),
                (String) l[1], (String) l[2], (UUID) l[3], ((BigDecimal) l[4]).stripTrailingZeros(), (String) l[5],
                new Money(((BigDecimal) l[6]).stripTrailingZeros(), currency),
                new Money((BigDecimal) l[7], currency).rounded(), Dates.instant(l[8]), Dates.instant(l[9])))
                .toList()));
    }

    /**
     * The hourly usage behind an invoice of the tenant: all its servers' hours in the invoice's month, or one
     * server's hours in a span. Empty when the invoice is not the tenant's.
     */
    @Transactional
    public Optional<List<UsageRow>> usage(UUID tenantId, UUID invoiceId, UUID serverId) {
        return get(tenantId, invoiceId).map(invoice -> {
            Instant from = invoice.periodStart();
            Instant to = invoice.periodEnd();
            List<Object[]> rows = em.createNativeQuery("""
                    select u.server_id, s.hostname, u.hour, u.existence_seconds, u.running_seconds, u.cpu_ns,
                           u.net_rx_bytes, u.net_tx_bytes, u.disk_read_bytes, u.disk_write_bytes
                    from usage_hour u join orders_server s on s.id = u.server_id
                         join tenancy_tenant t on t.id = u.tenant_id
                    where (t.id = :t or t.parent_id = :t) and u.hour >= :from and u.hour < :to
                      and (cast(:server as uuid) is null or u.server_id = cast(:server as uuid))
                    order by s.hostname, u.server_id, u.hour
                    """, Object[].class)
                    .setParameter("t", tenantId).setParameter("from", from).setParameter("to", to)
                    .setParameter("server", serverId == null ? null : serverId.toString())
                    .setMaxResults(20_000)
                    .getResultList();
            return rows.stream().map(r -> new UsageRow((UUID) r[0], (String) r[1], Dates.instant(r[2]),
                    ((Number) r[3]).intValue(), ((Number) r[4]).intValue(), ((Number) r[5]).longValue(),
                    ((Number) r[6]).longValue(), ((Number) r[7]).longValue(), ((Number) r[8]).longValue(),
                    ((Number) r[9]).longValue())).toList();
        });
    }

    private static InvoiceView head(Object[] r, List<LineView> lines) {
        Currency currency = Currency.getInstance((String) r[8]);
        return new InvoiceView((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                Dates.instant(r[5]), Dates.instant(r[6]), (String) r[7], new Money((BigDecimal) r[9], currency).rounded(),
                new Money((BigDecimal) r[10], currency).rounded(), ((Number) r[11]).longValue(),
                ((Number) r[12]).longValue(), Dates.instant(r[13]), Dates.instant(r[14]), Dates.instant(r[15]), lines);
    }
}
