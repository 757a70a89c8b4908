package io.innkeeper.billing.invoice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.innkeeper.billing.BillingConfig;
import io.innkeeper.billing.Dates;
import io.innkeeper.billing.invoice.BillingInputs.ResoldCustomer;
import io.innkeeper.billing.rating.BillingMonth;
import io.innkeeper.billing.reseller.ResellerInvoicer;
import io.innkeeper.billing.usage.UsageRollups;
import io.innkeeper.kernel.ChangeLog;

/**
 * The monthly invoice run: every tenant the platform invoices, each for its month in its own time zone, each in
 * its own transaction (see {@link TenantInvoicer}). Running it again, or on two replicas at once, issues nothing
 * twice. Before rating, the last hour of each month is rolled up again, so samples committed just after the month
 * ended are in, unless the rollup schedule has already rolled up past the month's end (its mark).
 */
@ApplicationScoped
public class InvoiceRun {

    private static final Logger LOG = Logger.getLogger(InvoiceRun.class);

    @Inject
    BillingInputs inputs;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    ResellerInvoicer resellerInvoicer;

    @Inject
    UsageRollups rollups;

    @Inject
    BillingConfig config;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * {@link #run(YearMonth, String)} for an admin: once the run is recorded, {@code log} records who asked for it
     * and how many invoices it issued, in a transaction of its own (the run is many).
     */
    @Transactional(TxType.NEVER)
    public RunResult run(ChangeLog log, YearMonth period, String requestedBy) {
        RunResult result = run(period, requestedBy);
        String detail = (period == null ? "last month" : period) + ": " + result.count(Outcome.Kind.ISSUED)
                + " issued";
        QuarkusTransaction.requiringNew().run(() -> log.changed(new ChangeLog.Change("billing.invoice-run",
                "invoice_run", result.id(), null, detail, null, null)));
        return result;
    }

    /** Invoices {@code period} for every tenant whose month has ended; null means each tenant's last month. */
    @Transactional(TxType.NEVER)
    public RunResult run(YearMonth period, String requestedBy) {
        Instant started = clock.instant();
        List<BilledTenant> tenants = QuarkusTransaction.requiringNew().call(inputs::billedTenants);
        List<ResoldCustomer> resold = QuarkusTransaction.requiringNew().call(inputs::resoldCustomers);
        Set<ZoneId> zones = tenants.stream().map(BilledTenant::zone).collect(Collectors.toCollection(LinkedHashSet::new));
        resold.forEach(c -> zones.add(c.customer().zone()));
        Optional<Instant> rolledTo = rollups.mark();
        for (ZoneId zone : zones) {
            BillingMonth month = monthFor(period, zone, started);
            Instant settled = month.end().plus(config.rollup().maxRunningGap());
            if (!month.end().isAfter(started) && rolledTo.map(m -> m.isBefore(settled)).orElse(true)) {
                rollups.rollup(month.end().minus(Duration.ofHours(1)), month.end());
            }
        }
        List<Outcome> outcomes = invoiceAll(tenants, resold, period, started);
        RunResult result = new RunResult(UUID.randomUUID(), period == null ? null : period.toString(), started,
                clock.instant(), requestedBy, outcomes);
        QuarkusTransaction.requiringNew().run(() -> record(result));
        return result;
    }

    /**
     * Invoices the tenants, then the customers whose resellers invoice them ({@link ResellerInvoicer}), on a few
     * workers; the outcomes keep that order.
     */
    private List<Outcome> invoiceAll(List<BilledTenant> tenants, List<ResoldCustomer> resold, YearMonth period,
            Instant started) {
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, config.invoices().workers()));
        try {
            List<Future<Outcome>> futures = new ArrayList<>(tenants.size() + resold.size());
            Set<String> invoiced = QuarkusTransaction.requiringNew().call(() -> invoiced(tenants, period, started));
            Set<String> resoldInvoiced = QuarkusTransaction.requiringNew().call(() -> resoldInvoiced(resold, period,
                    started));
            for (BilledTenant tenant : tenants) {
                YearMonth month = monthFor(period, tenant.zone(), started).month();
                if (invoiced.contains(tenant.id() + " " + month)) {
                    futures.add(CompletableFuture.completedFuture(new Outcome(tenant.id(), tenant.name(),
                            Outcome.Kind.EXISTING, null, null, null, null)));
                } else {
                    futures.add(workers.submit(() -> invoiceOne(tenant, month)));
                }
            }
            for (ResoldCustomer c : resold) {
                BilledTenant customer = c.customer();
                YearMonth month = monthFor(period, customer.zone(), started).month();
                if (resoldInvoiced.contains(customer.id() + " " + month)) {
                    futures.add(CompletableFuture.completedFuture(new Outcome(customer.id(), customer.name(),
                            Outcome.Kind.EXISTING, null, null, null, null)));
                } else {
                    futures.add(workers.submit(() -> invoiceResold(customer, month)));
                }
            }
            List<Outcome> outcomes = new ArrayList<>(futures.size());
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("invoice run interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * Tenants that have their invoice for the run's months already, as "tenant month", read in one query so a
     * repeated run costs one query instead of a locked transaction per tenant; the invoicer checks again under
     * the tenant's lock.
     */
    private Set<String> invoiced(List<BilledTenant> tenants, YearMonth period, Instant started) {
        Set<String> periods = tenants.stream().map(t -> monthFor(period, t.zone(), started).month().toString())
                .collect(Collectors.toSet());
        if (periods.isEmpty()) {
            return Set.of();
        }
        List<String> rows = em.createNativeQuery("select cast(tenant_id as text) || ' ' || period from invoice "
                + "where period in (:periods)", String.class).setParameter("periods", periods).getResultList();
        return Set.copyOf(rows);
    }

    /** {@link #invoiced} for the resellers' customers' invoices. */
    private Set<String> resoldInvoiced(List<ResoldCustomer> resold, YearMonth period, Instant started) {
        Set<String> periods = resold.stream().map(c -> monthFor(period, c.customer().zone(), started).month()
                .toString()).collect(Collectors.toSet());
        if (periods.isEmpty()) {
            return Set.of();
        }
        List<String> rows = em.createNativeQuery("select cast(customer_id as text) || ' ' || period "
                + "from reseller_invoice where period in (:periods)", String.class).setParameter("periods", periods)
                .getResultList();
        return Set.copyOf(rows);
    }

    private Outcome invoiceResold(BilledTenant customer, YearMonth month) {
        try {
            return resellerInvoicer.invoice(customer.id(), month);
        } catch (RuntimeException e) {
            LOG.warnf(e, "invoicing reseller's customer %s for %s failed", customer.id(), month);
            return new Outcome(customer.id(), customer.name(), Outcome.Kind.FAILED, null, null, null,
                    String.valueOf(e.getMessage()));
        }
    }

    private Outcome invoiceOne(BilledTenant tenant, YearMonth month) {
        try {
            return invoicer.invoice(tenant.id(), month);
        } catch (RuntimeException e) {
            LOG.warnf(e, "invoicing tenant %s for %s failed", tenant.id(), month);
            return new Outcome(tenant.id(), tenant.name(), Outcome.Kind.FAILED, null, null, null,
                    String.valueOf(e.getMessage()));
        }
    }

    /** The latest runs, newest first, for the admin page. */
    @Transactional
    public List<RunSummary> recent(int limit) {
        List<Tuple> rows = em.createNativeQuery("select id, period, started_at, finished_at, requested_by, issued, "
                + "existing, empty, failed, detail from invoice_run order by started_at desc", Tuple.class)
                .setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new RunSummary(r.get("id", UUID.class), r.get("period", String.class),
                Dates.instant(r.get("started_at")), Dates.instant(r.get("finished_at")),
                r.get("requested_by", String.class), count(r, "issued"), count(r, "existing"), count(r, "empty"),
                count(r, "failed"), r.get("detail", String.class))).toList();
    }

    /** A stored run: how many tenants got a new invoice, had one already, had nothing to bill, or failed. */
    public record RunSummary(UUID id, String period, Instant startedAt, Instant finishedAt, String requestedBy,
            int issued, int existing, int empty, int failed, String detail) {
    }

    private static int count(Tuple row, String column) {
        return row.get(column, Number.class).intValue();
    }

    private static BillingMonth monthFor(YearMonth period, ZoneId zone, Instant now) {
        return period != null ? new BillingMonth(period, zone) : BillingMonth.of(now, zone).previous();
    }

    private void record(RunResult r) {
        String failures = r.outcomes().stream().filter(o -> o.kind() == Outcome.Kind.FAILED)
                .map(o -> o.tenantName() + ": " + o.detail()).limit(20).collect(Collectors.joining("; "));
        em.createNativeQuery("insert into invoice_run (id, period, started_at, finished_at, requested_by, issued, "
                + "existing, empty, failed, detail) values (:id, :period, :started, :finished, :by, :issued, "
                + ":existing, :empty, :failed, :detail)")
                .setParameter("id", r.id())
                .setParameter("period", r.period())
                .setParameter("started", r.startedAt())
                .setParameter("finished", r.finishedAt())
                .setParameter("by", r.requestedBy())
                .setParameter("issued", (int) r.count(Outcome.Kind.ISSUED))
                .setParameter("existing", (int) r.count(Outcome.Kind.EXISTING))
                .setParameter("empty", (int) (r.count(Outcome.Kind.EMPTY) + r.count(Outcome.Kind.NOT_ENDED)))
                .setParameter("failed", (int) r.count(Outcome.Kind.FAILED))
                .setParameter("detail", failures.isEmpty() ? null : failures)
                .executeUpdate();
    }
}
