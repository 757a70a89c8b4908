package io.innkeeper.billing.reseller;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.billing.invoice.BillingInputs;
import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceSeller;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.kernel.Money;

/**
 * Reads resellers' invoices to their customers. A customer reads only its own (another's id is not found); a
 * reseller reads its margin per customer and month.
 */
@ApplicationScoped
public class ResellerInvoices {

    private static final String HEAD = """
            select i.id, i.customer_id as tenant_id, t.name, i.number_text, i.period, i.period_start, i.period_end,
                   i.time_zone, i.currency, i.total, i.paid, i.tx_bytes, i.pool_bytes, i.issued_at, i.due_at,
                   i.paid_at, i.net, i.tax, i.tax_treatment, i.tax_country, i.tax_rate, i.tax_note,
                   i.customer_vat_id, i.reseller_id, i.seller_name, i.seller_address, i.seller_vat_id
            from reseller_invoice i join tenancy_tenant t on t.id = i.customer_id
            """;

    /** An invoice a reseller issued, and the seller as it was issued (its logo as it is now). */
    public record IssuedInvoice(InvoiceView invoice, InvoiceSeller seller) {
    }

    @Inject
    EntityManager em;

    @Inject
    BillingInputs inputs;

    @Inject
    ResellerInvoicing invoicing;

    /** Whether the customer's reseller invoices it through the panel. */
    @Transactional
    public boolean invoicedByReseller(UUID customerId) {
        return inputs.resoldCustomer(customerId, false).isPresent();
    }

    /** The seller the customer's invoices name now, if its reseller invoices it through the panel. */
    @Transactional
    public Optional<InvoiceSeller> sellerOf(UUID customerId) {
        return inputs.resoldCustomer(customerId, false).flatMap(c -> invoicing.activeSeller(c.resellerId()));
    }

    /** The customer's invoices from its reseller, newest first, without their lines. */
    @Transactional
    public List<InvoiceView> list(UUID customerId) {
        List<Tuple> rows = em.createNativeQuery(HEAD + " where i.customer_id = :c order by i.period_start desc",
                Tuple.class).setParameter("c", customerId).setMaxResults(120).getResultList();
        return rows.stream().map(r -> InvoiceQueries.view(r, List.of())).toList();
    }

    /** The customer's invoice from its reseller, with its lines; empty when it is not the customer's. */
    @Transactional
    public Optional<IssuedInvoice> get(UUID customerId, UUID invoiceId) {
        List<Tuple> rows = em.createNativeQuery(HEAD + " where i.id = :id and i.customer_id = :c", Tuple.class)
                .setParameter("id", invoiceId).setParameter("c", customerId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Tuple head = rows.get(0);
        List<Tuple> lines = em.createNativeQuery("select position, kind, description, server_id, quantity, unit, "
                + "unit_price, amount, usage_from, usage_to from reseller_invoice_line where invoice_id = :id "
                + "order by position", Tuple.class).setParameter("id", invoiceId).getResultList();
        InvoiceSeller now = invoicing.activeSeller(head.get("reseller_id", UUID.class)).orElse(null);
        InvoiceSeller seller = new InvoiceSeller(head.get("seller_name", String.class),
                head.get("seller_address", String.class), head.get("seller_vat_id", String.class),
                now == null ? null : now.logoType(), now == null ? null : now.logo());
        return Optional.of(new IssuedInvoice(InvoiceQueries.view(head, lines), seller));
    }

    /**
     * One customer's month for its reseller: what the reseller invoiced it (net, without VAT), what the platform
     * invoiced the reseller for that customer's servers (their server and snapshot lines on the platform's invoice
     * of the same month), and the difference. Pooled traffic is one line for all the reseller's servers on the
     * platform's invoice, so it is not split per customer: {@link Month#pooledTraffic} shows it per month.
     */
    public record Margin(UUID customerId, String customerName, String period, String invoiceNumber, Money invoiced,
            Money platformCost, Money margin, boolean platformInvoiced) {
    }

    /** A month of a reseller's margins, with the platform's pooled traffic line of that month. */
    public record Month(String period, List<Margin> customers, Money invoiced, Money platformCost, Money margin,
            Money pooledTraffic) {
    }

    /** The reseller's margin per customer and month, newest month first (at most {@code months} months). */
    @Transactional
    public List<Month> margins(UUID resellerId, int months) {
        List<Tuple> rows = em.createNativeQuery("""
                select ri.customer_id, t.name, ri.period, ri.number_text, ri.net, ri.currency,
                       p.id as platform_invoice,
                       (select coalesce(sum(l.amount), 0) from invoice_line l join orders_server s on s.id = l.server_id
                        where l.invoice_id = p.id and s.tenant_id = ri.customer_id) as cost,
                       (select coalesce(sum(l.amount), 0) from invoice_line l
                        where l.invoice_id = p.id and l.kind = 'TRAFFIC') as traffic
                from reseller_invoice ri join tenancy_tenant t on t.id = ri.customer_id
                     left join invoice p on p.tenant_id = ri.reseller_id and p.period = ri.period
                where ri.reseller_id = :r and ri.period in (select distinct period from reseller_invoice
                                                           where reseller_id = :r order by period desc limit :n)
                order by ri.period desc, t.name, ri.customer_id
                """, Tuple.class).setParameter("r", resellerId).setParameter("n", months).getResultList();
        List<Month> result = new ArrayList<>();
        List<Margin> current = new ArrayList<>();
        String period = null;
        Money traffic = null;
        for (Tuple r : rows) {
            String p = r.get("period", String.class);
            if (!p.equals(period) && period != null) {
                result.add(month(period, current, traffic));
                current = new ArrayList<>();
            }
            period = p;
            Currency currency = Currency.getInstance(r.get("currency", String.class));
            boolean platformInvoiced = r.get("platform_invoice", UUID.class) != null;
            Money invoiced = new Money(r.get("net", BigDecimal.class), currency).rounded();
            Money cost = new Money(r.get("cost", BigDecimal.class), currency).rounded();
            traffic = platformInvoiced ? new Money(r.get("traffic", BigDecimal.class), currency).rounded() : null;
            current.add(new Margin(r.get("customer_id", UUID.class), r.get("name", String.class), p,
                    r.get("number_text", String.class), invoiced, cost,
                    new Money(invoiced.amount().subtract(cost.amount()), currency), platformInvoiced));
        }
        if (period != null) {
            result.add(month(period, current, traffic));
        }
        return result;
    }

    private static Month month(String period, List<Margin> customers, Money traffic) {
        Currency c = customers.get(0).invoiced().currency();
        Money invoiced = customers.stream().map(Margin::invoiced).reduce(Money.zero(c), Money::plus).rounded();
        Money cost = customers.stream().map(Margin::platformCost).reduce(Money.zero(c), Money::plus).rounded();
        return new Month(period, List.copyOf(customers), invoiced, cost,
                new Money(invoiced.amount().subtract(cost.amount()), c), traffic);
    }
}
