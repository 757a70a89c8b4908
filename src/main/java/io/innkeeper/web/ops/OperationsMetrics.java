package io.innkeeper.web.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import io.innkeeper.account.Webhooks;
import io.innkeeper.billing.invoice.InvoiceRun;
import io.innkeeper.notify.NotificationAdmin;
import io.innkeeper.provisioning.job.JobAdmin;
import io.innkeeper.provisioning.node.Nodes;

/**
 * The panel's own gauges for Prometheus ({@code /q/metrics} on the management port): the job queue, each node's
 * reachability, reconcile and metering, the last invoice run, and the mail and webhook backlogs. Each comes from its
 * module's own query use case, read together once per {@code innkeeper.metrics.refresh} into one snapshot, so a
 * scrape costs no query. Ages ("seconds since") are taken at scrape time from the snapshot's instants, so they keep
 * growing while nothing changes. Every replica reports the same figures; dashboards take their max.
 */
@ApplicationScoped
public class OperationsMetrics {

    private static final Logger LOG = Logger.getLogger(OperationsMetrics.class);

    /** What the modules answered at the last refresh. */
    record Snapshot(JobAdmin.QueueFigures jobs, List<Nodes.NodeFigures> nodes, InvoiceRun.RunSummary lastRun,
            NotificationAdmin.Backlog mail, Webhooks.Backlog webhooks) {

        static final Snapshot EMPTY = new Snapshot(new JobAdmin.QueueFigures(0, 0, 0, null), List.of(), null,
                new NotificationAdmin.Backlog(0, null), new Webhooks.Backlog(0, null));
    }

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    @Inject
    JobAdmin jobs;

    @Inject
    Nodes nodes;

    @Inject
    InvoiceRun invoices;

    @Inject
    NotificationAdmin notifications;

    @Inject
    Webhooks webhooks;

    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private MultiGauge nodeReachable;
    private MultiGauge nodeSinceReconcile;
    private MultiGauge nodeMeteringLag;

    void register(@Observes StartupEvent event) {
        gauge("innkeeper.jobs.queued", "Jobs waiting for a worker", s -> s.jobs().queued());
        gauge("innkeeper.jobs.running", "Jobs a worker holds", s -> s.jobs().running());
        gauge("innkeeper.jobs.failed", "Jobs that failed for good and wait for an admin", s -> s.jobs().failed());
        gauge("innkeeper.jobs.oldest.queued.age.seconds", "How long the longest-waiting queued job has waited",
                s -> age(s.jobs().oldestQueuedAt()));
        gauge("innkeeper.invoice.run.last.duration.seconds", "How long the last invoice run took",
                s -> s.lastRun() == null || s.lastRun().finishedAt() == null ? Double.NaN
                        : Duration.between(s.lastRun().startedAt(), s.lastRun().finishedAt()).toMillis() / 1000.0);
        gauge("innkeeper.invoice.run.last.failed", "Tenants the last invoice run could not invoice",
                s -> s.lastRun() == null ? 0 : s.lastRun().failed());
        gauge("innkeeper.invoice.run.last.finished.timestamp.seconds", "When the last invoice run finished",
                s -> s.lastRun() == null || s.lastRun().finishedAt() == null ? Double.NaN
                        : s.lastRun().finishedAt().toEpochMilli() / 1000.0);
        gauge("innkeeper.notifications.pending", "Notification mails still to send", s -> s.mail().pending());
        gauge("innkeeper.notifications.oldest.due.age.seconds", "How long the longest-waiting mail has been due",
                s -> age(s.mail().oldestDue()));
        gauge("innkeeper.webhooks.pending", "Webhook deliveries still to make", s -> s.webhooks().pending());
        gauge("innkeeper.webhooks.oldest.due.age.seconds", "How long the longest-waiting delivery has been due",
                s -> age(s.webhooks().oldestDue()));
        nodeReachable = MultiGauge.builder("innkeeper.node.reachable")
                .description("1 when the node answered the reconciler last time, 0 when it did not")
                .register(registry);
        nodeSinceReconcile = MultiGauge.builder("innkeeper.node.reconcile.age.seconds")
                .description("Seconds since the node's last reconcile finished").register(registry);
        nodeMeteringLag = MultiGauge.builder("innkeeper.node.metering.lag.seconds")
                .description("Seconds since the node's live guests were last metered").register(registry);
    }

    private void gauge(String name, String description, ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.snapshot)).description(description).register(registry);
    }

    /** Reads every module's figures again; a module that fails keeps the figures it gave last time. */
    @Scheduled(every = "${innkeeper.metrics.refresh:15s}", concurrentExecution = ConcurrentExecution.SKIP,
            identity = "operations-metrics")
    public void refresh() {
        Snapshot was = snapshot;
        Snapshot now = new Snapshot(read("jobs", jobs::figures, was.jobs()), read("nodes", nodes::figures, was.nodes()),
                read("invoice runs", () -> invoices.recent(1).stream().findFirst().orElse(null), was.lastRun()),
                read("notifications", notifications::backlog, was.mail()),
                read("webhooks", webhooks::backlog, was.webhooks()));
        snapshot = now;
        nodeReachable.register(rows(now.nodes(), f -> f.reachable() ? 1 : 0), true);
        nodeSinceReconcile.register(rows(now.nodes(), f -> nodeAge(f.reconciledAt())), true);
        nodeMeteringLag.register(rows(now.nodes(), f -> nodeAge(f.meteredAt())), true);
    }

    private static <T> T read(String what, Supplier<T> query, T last) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            LOG.warnf("metrics: cannot read %s: %s", what, e.getMessage());
            return last;
        }
    }

    private List<MultiGauge.Row<?>> rows(List<Nodes.NodeFigures> figures, Function<Nodes.NodeFigures, Number> value) {
        return figures.stream().<MultiGauge.Row<?>>map(f -> MultiGauge.Row.of(Tags.of("node", f.name()),
                () -> value.apply(f))).toList();
    }

    /** Seconds from {@code since} to now, never negative (a mail due later is not late); 0 when nothing waits. */
    private double age(Instant since) {
        return since == null ? 0 : Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }

    /** Like {@link #age}, but NaN for a node never reconciled or metered: no figure rather than a good one. */
    private double nodeAge(Instant since) {
        return since == null ? Double.NaN : age(since);
    }
}
