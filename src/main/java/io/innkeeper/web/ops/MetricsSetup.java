package io.innkeeper.web.ops;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * HTTP latency per route as a Prometheus histogram (buckets from 5 ms to 10 s), so a dashboard can take the p99 of
 * a route across replicas; Micrometer's default would be a count, a sum and a max only. Routes are the path
 * templates ({@code /servers/{id}}), never raw ids.
 */
@Singleton
public class MetricsSetup {

    static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(10) };

    @Produces
    @Singleton
    MeterFilter httpHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(
                        java.util.Arrays.stream(BUCKETS).mapToDouble(Duration::toNanos).toArray()).build()
                        .merge(config);
            }
        };
    }
}
