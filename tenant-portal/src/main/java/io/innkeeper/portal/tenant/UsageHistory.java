package io.innkeeper.portal.tenant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.innkeeper.orders.Server;

/** A server's CPU, network and disk use over a day, a week or a month, from its meter samples. */
@ApplicationScoped
public class UsageHistory {

    static final int BUCKETS = 48;

    /** The time spans a graph covers. */
    public enum Range {
        DAY(Duration.ofDays(1)),
        WEEK(Duration.ofDays(7)),
        MONTH(Duration.ofDays(30));

        final Duration span;

        Range(Duration span) {
            this.span = span;
        }

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Range parse(String raw) {
            for (Range r : values()) {
                if (r.param().equals(raw)) {
                    return r;
                }
            }
            return DAY;
        }
    }

    private static final String SQL = """
            select cast(floor(extract(epoch from (taken_at - cast(:from as timestamptz))) / :bucket) as int) as b,
                   coalesce(sum(cpu_ns_delta), 0),
                   coalesce(sum(net_rx_delta), 0) + coalesce(sum(net_tx_delta), 0),
                   coalesce(sum(block_read_delta), 0) + coalesce(sum(block_write_delta), 0)
            from meter_sample where guest_id = :guest and taken_at >= cast(:from as timestamptz)
            group by b order by b
            """;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** CPU (percent of the server's vCPUs), network (MB in and out) and disk (MB read and written) per bucket. */
    public List<UsageChart> charts(Server server, Range range) {
        Instant from = clock.instant().minus(range.span);
        double bucketSeconds = range.span.toSeconds() / (double) BUCKETS;
        List<Double> cpu = new ArrayList<>(Collections.nCopies(BUCKETS, 0.0));
        List<Double> net = new ArrayList<>(Collections.nCopies(BUCKETS, 0.0));
        List<Double> disk = new ArrayList<>(Collections.nCopies(BUCKETS, 0.0));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SQL)
                .setParameter("from", java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
                .setParameter("bucket", bucketSeconds)
                .setParameter("guest", server.id)
                .getResultList();
        int vcpus = Math.max(1, server.guest.vcpus);
        for (Object[] row : rows) {
            int b = ((Number) row[0]).intValue();
            if (b < 0 || b >= BUCKETS) {
                continue;
            }
            cpu.set(b, ((Number) row[1]).doubleValue() / (bucketSeconds * 1e9 * vcpus) * 100);
            net.set(b, ((Number) row[2]).doubleValue() / 1e6);
            disk.set(b, ((Number) row[3]).doubleValue() / 1e6);
        }
        return List.of(new UsageChart("cpu", "CPU", "%", cpu), new UsageChart("net", "Network", "MB", net),
                new UsageChart("disk", "Disk", "MB", disk));
    }
}
