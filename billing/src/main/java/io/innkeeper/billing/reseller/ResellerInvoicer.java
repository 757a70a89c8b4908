package io.innkeeper.billing.reseller;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.billing.BillingConfig;
import io.innkeeper.billing.invoice.BilledTenant;
import io.innkeeper.billing.invoice.BillingInputs;
import io.innkeeper.billing.invoice.BillingInputs.ResoldCustomer;
import io.innkeeper.billing.invoice.InvoiceNumbers;
import io.innkeeper.billing.invoice.Outcome;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.rating.BillingMonth;
import io.innkeeper.billing.rating.Draft;
import io.innkeeper.billing.rating.Rating;
import io.innkeeper.billing.rating.ServerLife;
import io.innkeeper.billing.tax.InvoiceTax;
import io.innkeeper.billing.tax.TaxLine;
import io.innkeeper.kernel.Money;

/**
 * A reseller invoices one of its customers for one month: the customer's servers, rated by {@link Rating} with the
 * reseller's {@link PriceList} in place of the platform's prices, VAT by {@link InvoiceTax} with the reseller as
 * seller, numbered in the reseller's own sequence ({@link InvoiceNumbers}, issuer {@code reseller:<id>}). Like
 * {@link TenantInvoicer}: one transaction that locks the customer first, so a second run waits and finds the
 * invoice there; the number is taken last. The platform's invoice to the reseller does not change: it still covers
 * the customer's servers at platform prices. These invoices are the reseller's receivables, not the platform's:
 * they go to no ledger, dunning or bank matching of the platform's.
 */
@ApplicationScoped
public class ResellerInvoicer {

    @Inject
    EntityManager em;

    @Inject
    BillingInputs inputs;

    @Inject
    ResellerInvoicing invoicing;

    @Inject
    InvoiceNumbers numbers;

    @Inject
    InvoiceTax tax;

    @Inject
    BillingConfig config;

    @Inject
    Clock clock;

    @Transactional(TxType.REQUIRES_NEW)
    public Outcome invoice(UUID customerId, YearMonth period) {
        ResoldCustomer resold = inputs.resoldCustomer(customerId, true).orElseThrow(
                () -> new IllegalArgumentException("not a customer its reseller invoices: " + customerId));
        BilledTenant customer = resold.customer();
        List<Tuple> existing = em.createNativeQuery("select id, number_text, total, currency from reseller_invoice "
                + "where customer_id = :c and period = :p", Tuple.class).setParameter("c", customerId)
                .setParameter("p", period.toString()).getResultList();
        if (!existing.isEmpty()) {
            Tuple r = existing.get(0);
            return new Outcome(customerId, customer.name(), Outcome.Kind.EXISTING, r.get("id", UUID.class),
                    r.get("number_text", String.class), new Money(r.get("total", BigDecimal.class),
                            java.util.Currency.getInstance(r.get("currency", String.class))).rounded(), null);
        }
        BillingMonth month = new BillingMonth(period, customer.zone());
        Instant now = clock.instant();
        if (month.end().isAfter(now)) {
            return new Outcome(customerId, customer.name(), Outcome.Kind.NOT_ENDED, null, null, null,
                    "the month ends at " + month.end());
        }
        ResellerInvoicing.Issuing issuing = invoicing.issuing(resold.resellerId()).orElseThrow();
        PriceList prices = invoicing.priceList(resold.resellerId());
        Draft draft;
        try {
            draft = rate(customer, prices, month, month.end());
        } catch (IllegalArgumentException e) {
            return new Outcome(customerId, customer.name(), Outcome.Kind.FAILED, null, null, null, e.getMessage());
        }
        if (draft.isEmpty()) {
            return new Outcome(customerId, customer.name(), Outcome.Kind.EMPTY, null, null, null, null);
        }
        TaxLine vat = tax.ofReseller(draft.total(), issuing.country(), customer.taxCustomer());
        Money total = vat.gross();
        UUID id = UUID.randomUUID();
        long number = numbers.next(InvoiceNumbers.resellerIssuer(resold.resellerId()));
        String numberText = issuing.numberPrefix() + String.format("%06d", number);
        em.createNativeQuery("""
                insert into reseller_invoice (id, reseller_id, customer_id, number, number_text, seller_name,
                        seller_address, seller_vat_id, period, period_start, period_end, time_zone, currency, net,
                        tax, total, tax_treatment, tax_country, tax_rate, tax_note, customer_vat_id, tx_bytes,
                        pool_bytes, issued_at, due_at)
                values (:id, :reseller, :customer, :number, :text, :sellerName, :sellerAddress, :sellerVatId,
                        :period, :start, :end, :zone, :currency, :net, :tax, :total, :treatment, :taxCountry, :rate,
                        :note, :vatId, :tx, :pool, :issued, :due)
                """)
                .setParameter("id", id)
                .setParameter("reseller", resold.resellerId())
                .setParameter("customer", customerId)
                .setParameter("number", number)
                .setParameter("text", numberText)
                .setParameter("sellerName", issuing.seller().name())
                .setParameter("sellerAddress", issuing.seller().address())
                .setParameter("sellerVatId", issuing.seller().vatId())
                .setParameter("period", period.toString())
                .setParameter("start", month.start())
                .setParameter("end", month.end())
                .setParameter("zone", customer.zone().getId())
                .setParameter("currency", prices.currency().getCurrencyCode())
                .setParameter("net", vat.net().amount())
                .setParameter("tax", vat.tax().amount())
                .setParameter("total", total.amount())
                .setParameter("treatment", vat.treatment().name())
                .setParameter("taxCountry", vat.country())
                .setParameter("rate", vat.ratePercent())
                .setParameter("note", vat.note())
                .setParameter("vatId", customer.taxCustomer().vatId() == null ? null
                        : customer.taxCustomer().vatId().toString())
                .setParameter("tx", draft.txBytes())
                .setParameter("pool", draft.poolBytes().longValue())
                .setParameter("issued", now)
                .setParameter("due", now.plus(config.invoices().dueAfter()))
                .executeUpdate();
        TenantInvoicer.writeLines(em, TenantInvoicer.LineTable.RESELLER, id, draft.lines());
        return new Outcome(customerId, customer.name(), Outcome.Kind.ISSUED, id, numberText, total, null);
    }

    /** The customer's bill so far at its reseller's prices, and its VAT; nothing is stored. */
    @Transactional
    public TenantInvoicer.TaxedProjection project(UUID customerId, Instant until) {
        ResoldCustomer resold = inputs.resoldCustomer(customerId, false).orElseThrow(
                () -> new IllegalArgumentException("not a customer its reseller invoices: " + customerId));
        PriceList prices = invoicing.priceList(resold.resellerId());
        Draft draft = rate(resold.customer(), prices, BillingMonth.of(until, resold.customer().zone()), until);
        String country = invoicing.issuing(resold.resellerId()).map(ResellerInvoicing.Issuing::country).orElse(null);
        return new TenantInvoicer.TaxedProjection(draft, tax.ofReseller(draft.total(), country,
                resold.customer().taxCustomer()));
    }

    /** The platform's inputs for the customer's month, each plan priced from the reseller's list, rated as ever. */
    private Draft rate(BilledTenant customer, PriceList prices, BillingMonth month, Instant until) {
        BillingInputs.Inputs in = inputs.load(customer.id(), month);
        List<ServerLife> servers = in.servers().stream()
                .map(s -> s.withPrices(p -> prices.price(p, in.planCodes().get(p.planId())))).toList();
        return Rating.rate(month, until, prices.currency(), servers, in.txBytes(), in.snapshots(), prices.prices());
    }
}
