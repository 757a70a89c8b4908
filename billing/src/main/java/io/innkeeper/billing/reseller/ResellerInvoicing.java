package io.innkeeper.billing.reseller;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.billing.BillingConfig;
import io.innkeeper.billing.invoice.InvoiceSeller;
import io.innkeeper.billing.rating.Prices;
import io.innkeeper.kernel.ChangeLog;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Money;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.kernel.Text;

/**
 * A reseller's own invoicing: who it is on its customers' invoices (name, address, logo, number prefix), whether it
 * invoices them through the panel, and its price list per plan, all in its account's currency. Every use case
 * takes the reseller; a tenant that is not a reseller is not found.
 */
@ApplicationScoped
public class ResellerInvoicing {

    public static final int NAME_MAX = 200;
    public static final int ADDRESS_MAX = 500;
    /** Largest price accepted, per hour or per month. */
    static final BigDecimal PRICE_MAX = new BigDecimal("1000000");

    /** The seller details as typed; prices as text so a bad one comes back to its field. */
    public record SellerForm(boolean active, String name, String address, String numberPrefix, String trafficPerGb,
            String snapshotPerGbMonth) {
    }

    /** One plan's price as typed: both empty means the reseller does not sell the plan. */
    public record PriceForm(String hourly, String monthlyCap) {
    }

    /** A plan the reseller may sell: the platform's current price and the reseller's, if it set one. */
    public record PlanRow(String code, String name, Money platformHourly, Money platformCap, Money hourly,
            Money monthlyCap) {
    }

    /** What the reseller's invoicing page shows. */
    public record Settings(UUID resellerId, Currency currency, boolean active, String sellerName,
            String sellerAddress, String numberPrefix, BigDecimal trafficPerGb, BigDecimal snapshotPerGbMonth,
            InvoiceSeller seller, List<PlanRow> plans) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    BillingConfig config;

    @Transactional
    public Settings settings(UUID resellerId) {
        Reseller reseller = reseller(resellerId);
        List<Tuple> rows = em.createNativeQuery("select active, seller_name, seller_address, number_prefix, "
                + "traffic_per_gb, snapshot_per_gb_month, logo, logo_type from reseller_invoicing "
                + "where reseller_id = :r", Tuple.class).setParameter("r", resellerId).getResultList();
        Map<String, Money[]> mine = new HashMap<>();
        for (Tuple p : prices(resellerId)) {
            mine.put(p.get("plan_code", String.class), new Money[] {
                new Money(p.get("hourly_price", BigDecimal.class), reseller.currency()),
                new Money(p.get("monthly_cap", BigDecimal.class), reseller.currency()) });
        }
        List<PlanRow> plans = new ArrayList<>();
        for (Tuple p : currentPlans()) {
            String code = p.get("code", String.class);
            Currency platform = Currency.getInstance(p.get("currency", String.class));
            Money[] m = mine.getOrDefault(code, new Money[2]);
            plans.add(new PlanRow(code, p.get("name", String.class),
                    new Money(p.get("hourly_price", BigDecimal.class), platform),
                    new Money(p.get("monthly_cap", BigDecimal.class), platform), m[0], m[1]));
        }
        if (rows.isEmpty()) {
            return new Settings(resellerId, reseller.currency(), false, reseller.name(), "", "INV-",
                    config.trafficOveragePerGb(), config.snapshotPerGbMonth(), null, plans);
        }
        Tuple r = rows.get(0);
        InvoiceSeller seller = new InvoiceSeller(r.get("seller_name", String.class),
                r.get("seller_address", String.class), reseller.vatId(), r.get("logo_type", String.class),
                r.get("logo", byte[].class));
        return new Settings(resellerId, reseller.currency(), Boolean.TRUE.equals(r.get("active", Boolean.class)),
                seller.name(), seller.address(), r.get("number_prefix", String.class),
                r.get("traffic_per_gb", BigDecimal.class).stripTrailingZeros(),
                r.get("snapshot_per_gb_month", BigDecimal.class).stripTrailingZeros(), seller, plans);
    }

    /** Saves the seller details; nothing is stored when a field is refused. */
    @Transactional
    public void saveSeller(ChangeLog log, UUID resellerId, SellerForm form) {
        reseller(resellerId);
        FieldErrors errors = new FieldErrors();
        String name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty()) {
            errors.add("sellerName", "Enter the name your customers' invoices are issued by.");
        } else if (Text.refusal(name, NAME_MAX, false) != null) {
            errors.add("sellerName", Text.refusal(name, NAME_MAX, false));
        }
        String address = form.address() == null ? "" : form.address().strip();
        if (Text.refusal(address, ADDRESS_MAX, true) != null) {
            errors.add("sellerAddress", Text.refusal(address, ADDRESS_MAX, true));
        }
        String prefix = form.numberPrefix() == null ? "" : form.numberPrefix().strip().toUpperCase(Locale.ROOT);
        if (!prefix.matches("[A-Z0-9-]{1,12}")) {
            errors.add("numberPrefix", "1 to 12 of A-Z, 0-9 and -, for example INV- or RH-.");
        }
        BigDecimal traffic = amount(form.trafficPerGb(), 4, "trafficPerGb", true, errors);
        BigDecimal snapshot = amount(form.snapshotPerGbMonth(), 4, "snapshotPerGbMonth", true, errors);
        errors.throwIfAny();
        em.createNativeQuery("""
                insert into reseller_invoicing (reseller_id, active, seller_name, seller_address, number_prefix,
                                                traffic_per_gb, snapshot_per_gb_month, updated_at)
                values (:r, :active, :name, :address, :prefix, :traffic, :snapshot, :at)
                on conflict (reseller_id) do update set active = excluded.active, seller_name = excluded.seller_name,
                    seller_address = excluded.seller_address, number_prefix = excluded.number_prefix,
                    traffic_per_gb = excluded.traffic_per_gb, snapshot_per_gb_month = excluded.snapshot_per_gb_month,
                    updated_at = excluded.updated_at
                """).setParameter("r", resellerId).setParameter("active", form.active()).setParameter("name", name)
                .setParameter("address", address).setParameter("prefix", prefix).setParameter("traffic", traffic)
                .setParameter("snapshot", snapshot).setParameter("at", clock.instant()).executeUpdate();
        log.changed(new ChangeLog.Change("billing.reseller-invoicing", "tenant", resellerId, resellerId,
                (form.active() ? "invoices its customers" : "does not invoice its customers") + " as " + name,
                null, null));
    }

    /**
     * Replaces the reseller's price list with {@code prices} (by plan code); a plan left empty is not sold. Every
     * field is checked before anything is stored.
     */
    @Transactional
    public void savePrices(ChangeLog log, UUID resellerId, Map<String, PriceForm> prices) {
        Reseller reseller = reseller(resellerId);
        Map<String, String> known = new HashMap<>();
        currentPlans().forEach(p -> known.put(p.get("code", String.class), p.get("name", String.class)));
        FieldErrors errors = new FieldErrors();
        Map<String, BigDecimal[]> valid = new LinkedHashMap<>();
        for (Map.Entry<String, PriceForm> e : prices.entrySet()) {
            String code = e.getKey();
            if (!known.containsKey(code)) {
                errors.add("plan", "There is no plan " + Text.clip(code, Text.ECHO) + ".");
                continue;
            }
            PriceForm f = e.getValue();
            boolean noHourly = f.hourly() == null || f.hourly().isBlank();
            boolean noCap = f.monthlyCap() == null || f.monthlyCap().isBlank();
            if (noHourly && noCap) {
                continue;
            }
            BigDecimal hourly = amount(f.hourly(), 4, hourlyField(code), false, errors);
            BigDecimal cap = amount(f.monthlyCap(), 2, capField(code), false, errors);
            if (hourly != null && cap != null) {
                valid.put(code, new BigDecimal[] { hourly, cap });
            }
        }
        errors.throwIfAny();
        ensureRow(resellerId, reseller.name());
        em.createNativeQuery("delete from reseller_price where reseller_id = :r").setParameter("r", resellerId)
                .executeUpdate();
        valid.forEach((code, p) -> em.createNativeQuery("insert into reseller_price (reseller_id, plan_code, "
                + "hourly_price, monthly_cap) values (:r, :code, :hourly, :cap)").setParameter("r", resellerId)
                .setParameter("code", code).setParameter("hourly", p[0]).setParameter("cap", p[1]).executeUpdate());
        log.changed(new ChangeLog.Change("billing.reseller-prices", "tenant", resellerId, resellerId,
                valid.size() + " plans priced in " + reseller.currency(), null, null));
    }

    /** The field a refused hourly price of plan {@code code} is reported on. */
    public static String hourlyField(String code) {
        return "hourly-" + code;
    }

    /** The field a refused monthly cap of plan {@code code} is reported on. */
    public static String capField(String code) {
        return "cap-" + code;
    }

    /** Sets the logo on the reseller's invoices; see {@link Logo} for what is accepted. */
    @Transactional
    public void setLogo(ChangeLog log, UUID resellerId, byte[] bytes) {
        Reseller reseller = reseller(resellerId);
        Logo logo = Logo.of(bytes);
        ensureRow(resellerId, reseller.name());
        em.createNativeQuery("update reseller_invoicing set logo = :logo, logo_type = :type, updated_at = :at "
                + "where reseller_id = :r").setParameter("logo", logo.bytes()).setParameter("type", logo.type())
                .setParameter("at", clock.instant()).setParameter("r", resellerId).executeUpdate();
        log.changed(new ChangeLog.Change("billing.reseller-logo", "tenant", resellerId, resellerId,
                logo.type() + ", " + logo.bytes().length + " bytes", null, null));
    }

    @Transactional
    public void removeLogo(ChangeLog log, UUID resellerId) {
        reseller(resellerId);
        em.createNativeQuery("update reseller_invoicing set logo = null, logo_type = null where reseller_id = :r")
                .setParameter("r", resellerId).executeUpdate();
        log.changed(new ChangeLog.Change("billing.reseller-logo", "tenant", resellerId, resellerId, "removed",
                null, null));
    }

    /** The reseller's price list as rating takes it, with its traffic and snapshot prices. */
    @Transactional
    public PriceList priceList(UUID resellerId) {
        Reseller reseller = reseller(resellerId);
        Currency c = reseller.currency();
        Map<String, PriceList.Rate> rates = new HashMap<>();
        for (Tuple p : prices(resellerId)) {
            rates.put(p.get("plan_code", String.class), new PriceList.Rate(
                    new Money(p.get("hourly_price", BigDecimal.class), c),
                    new Money(p.get("monthly_cap", BigDecimal.class), c)));
        }
        List<Tuple> rows = em.createNativeQuery("select traffic_per_gb, snapshot_per_gb_month from reseller_invoicing "
                + "where reseller_id = :r", Tuple.class).setParameter("r", resellerId).getResultList();
        Prices prices = rows.isEmpty() ? new Prices(Money.zero(c), Money.zero(c))
                : new Prices(new Money(rows.get(0).get("traffic_per_gb", BigDecimal.class), c),
                        new Money(rows.get(0).get("snapshot_per_gb_month", BigDecimal.class), c));
        return new PriceList(resellerId, c, rates, prices);
    }

    /** The seller its customers' invoices name now, if the reseller invoices them through the panel. */
    @Transactional
    public Optional<InvoiceSeller> activeSeller(UUID resellerId) {
        List<Tuple> rows = em.createNativeQuery("select r.seller_name, r.seller_address, r.logo, r.logo_type, "
                + "t.vat_id from reseller_invoicing r join tenancy_tenant t on t.id = r.reseller_id "
                + "where r.reseller_id = :r and r.active", Tuple.class).setParameter("r", resellerId).getResultList();
        return rows.stream().findFirst().map(r -> new InvoiceSeller(r.get("seller_name", String.class),
                r.get("seller_address", String.class), r.get("vat_id", String.class), r.get("logo_type", String.class),
                r.get("logo", byte[].class)));
    }

    /** The reseller's number prefix and country, for the invoicer; empty when its invoicing is not active. */
    record Issuing(String numberPrefix, String country, InvoiceSeller seller) {
    }

    Optional<Issuing> issuing(UUID resellerId) {
        List<Tuple> rows = em.createNativeQuery("select r.number_prefix, t.country from reseller_invoicing r "
                + "join tenancy_tenant t on t.id = r.reseller_id where r.reseller_id = :r and r.active", Tuple.class)
                .setParameter("r", resellerId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Issuing(rows.get(0).get("number_prefix", String.class),
                rows.get(0).get("country", String.class), activeSeller(resellerId).orElseThrow()));
    }

    private record Reseller(String name, Currency currency, String vatId) {
    }

    private Reseller reseller(UUID resellerId) {
        List<Tuple> rows = em.createNativeQuery("select name, currency, vat_id from tenancy_tenant "
                + "where id = :r and kind = 'RESELLER' and parent_id is null", Tuple.class)
                .setParameter("r", resellerId).getResultList();
        if (rows.isEmpty()) {
            throw new NotFound("reseller");
        }
        Tuple r = rows.get(0);
        return new Reseller(r.get("name", String.class), Currency.getInstance(r.get("currency", String.class)),
                r.get("vat_id", String.class));
    }

    private void ensureRow(UUID resellerId, String name) {
        em.createNativeQuery("insert into reseller_invoicing (reseller_id, seller_name, updated_at) "
                + "values (:r, :name, :at) on conflict (reseller_id) do nothing").setParameter("r", resellerId)
                .setParameter("name", Text.clip(name, NAME_MAX)).setParameter("at", clock.instant()).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<Tuple> prices(UUID resellerId) {
        return em.createNativeQuery("select plan_code, hourly_price, monthly_cap from reseller_price "
                + "where reseller_id = :r", Tuple.class).setParameter("r", resellerId).getResultList();
    }

    /** Each plan code's latest version: what a price list is kept by. */
    @SuppressWarnings("unchecked")
    private List<Tuple> currentPlans() {
        return em.createNativeQuery("select distinct on (code) code, name, hourly_price, monthly_cap, currency "
                + "from catalog_plan order by code, version desc", Tuple.class).getResultList();
    }

    /**
     * A price typed into {@code field}: a plain decimal, at least zero, at most {@link #PRICE_MAX}, with at most
     * {@code scale} decimals; empty is zero where {@code emptyIsZero}. Null (and an error) when refused.
     */
    static BigDecimal amount(String raw, int scale, String field, boolean emptyIsZero, FieldErrors errors) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            if (emptyIsZero) {
                return BigDecimal.ZERO;
            }
            errors.add(field, "Enter a price.");
            return null;
        }
        if (text.length() > 20 || !text.matches("[0-9]+(\\.[0-9]+)?")) {
            errors.add(field, "Enter a price as a number, for example 0.0150.");
            return null;
        }
        BigDecimal value = new BigDecimal(text);
        if (value.stripTrailingZeros().scale() > scale) {
            errors.add(field, "At most " + scale + " decimals.");
            return null;
        }
        if (value.compareTo(PRICE_MAX) > 0) {
            errors.add(field, "At most " + PRICE_MAX.toPlainString() + ".");
            return null;
        }
        return value;
    }
}
