package io.innkeeper.portal.tenant;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.provisioning.metering.UsageSamples;

/**
 * A server's CPU, network and disk use over a day, a week or a month, drawn from its meter samples summed per bucket
 * ({@link UsageSamples}).
 */
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

    @Inject
    Clock clock;

    /** The window of the range, ending now, in {@value #BUCKETS} buckets. */
    public UsageSamples.Window window(Range range) {
        return new UsageSamples.Window(clock.instant().minus(range.span), range.span.toSeconds() / (double) BUCKETS);
    }

    /**
     * CPU (percent of the server's vCPUs), network (MB in and out) and disk (MB read and written) per bucket of the
     * window the samples were summed over.
     */
    public static List<UsageChart> charts(int serverVcpus, UsageSamples.Window window,
            List<UsageSamples.Bucket> buckets) {
        double bucketSeconds = window.bucketSeconds();
        List<Double> cpu = new ArrayList<>(Collections.nCopies(BUCKETS, 0.0));
        List<Double> net = new ArrayList<>(Collections.nCopies(BUCKETS, 0.0));
        List<Double> disk = new ArrayList<>(Collections.nCopies(BUCKETS, 0.0));
        int vcpus = Math.max(1, serverVcpus);
        for (UsageSamples.Bucket bucket : buckets) {
            int b = bucket.index();
            if (b < 0 || b >= BUCKETS) {
                continue;
            }
            cpu.set(b, (double) bucket.cpuNs() / (bucketSeconds * 1e9 * vcpus) * 100);
            net.set(b, (double) bucket.netBytes() / 1e6);
            disk.set(b, (double) bucket.diskBytes() / 1e6);
        }
        return List.of(new UsageChart("cpu", "CPU", "%", cpu), new UsageChart("net", "Network", "MB", net),
                new UsageChart("disk", "Disk", "MB", disk));
    }
}
