package io.innkeeper.provisioning.metering;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

/**
 * The query use case of a guest's use over time, for its graphs: its meter samples summed per time bucket. The
 * caller has found the guest within its scope first.
 */
@ApplicationScoped
public class UsageSamples {

    /** The time the graphs cover: from {@code from} to now, in buckets of {@code bucketSeconds}. */
    public record Window(Instant from, double bucketSeconds) {
    }

    /**
     * One bucket's use: CPU time in nanoseconds, network bytes in and out, disk bytes read and written. {@code
     * index} counts buckets from the window's start; a bucket without samples is not listed.
     */
    public record Bucket(int index, long cpuNs, long netBytes, long diskBytes) {
    }

    private static final String SQL = """
            select cast(floor(extract(epoch from (taken_at - cast(:from as timestamptz))) / :bucket) as int) as b,
                   coalesce(sum(cpu_ns_delta), 0) as cpu,
                   coalesce(sum(net_rx_delta), 0) + coalesce(sum(net_tx_delta), 0) as net,
                   coalesce(sum(block_read_delta), 0) + coalesce(sum(block_write_delta), 0) as disk
            from meter_sample where guest_id = :guest and taken_at >= cast(:from as timestamptz)
            group by b order by b
            """;

    @Inject
    EntityManager em;

    /** The guest's samples since the window's start, summed per bucket, in bucket order. */
    @Transactional
    public List<Bucket> buckets(UUID guestId, Window window) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(SQL, Tuple.class)
                .setParameter("from", OffsetDateTime.ofInstant(window.from(), ZoneOffset.UTC))
                .setParameter("bucket", window.bucketSeconds())
                .setParameter("guest", guestId)
                .getResultList();
        return rows.stream().map(r -> new Bucket(((Number) r.get("b")).intValue(), ((Number) r.get("cpu")).longValue(),
                ((Number) r.get("net")).longValue(), ((Number) r.get("disk")).longValue())).toList();
    }
}
