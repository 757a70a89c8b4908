package io.innkeeper.provisioning.metering;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

/**
 * What a guest used, read from its meter samples ({@code meter_sample}): the query use case for the API's usage of
 * a server. The caller has found the guest within its scope.
 */
@ApplicationScoped
public class UsageTotals {

    /**
     * What a guest used in a window: how many samples fell in it, and the sums of their deltas (CPU in whole
     * seconds).
     */
    public record Totals(long samples, long cpuSeconds, long netRxBytes, long netTxBytes, long diskReadBytes,
            long diskWriteBytes) {
    }

    @Inject
    EntityManager em;

    /** The guest's samples taken at or after {@code from} and before {@code to}, summed. */
    @Transactional
    public Totals totals(UUID guestId, Instant from, Instant to) {
        Tuple row = (Tuple) em.createNativeQuery("""
                select count(*) as samples, coalesce(sum(cpu_ns_delta), 0) / 1000000000 as cpu_seconds,
                       coalesce(sum(net_rx_delta), 0) as net_rx, coalesce(sum(net_tx_delta), 0) as net_tx,
                       coalesce(sum(block_read_delta), 0) as disk_read,
                       coalesce(sum(block_write_delta), 0) as disk_write
                from meter_sample where guest_id = :g and taken_at >= :from and taken_at < :to
                """, Tuple.class).setParameter("g", guestId).setParameter("from", from).setParameter("to", to)
                .getSingleResult();
        return new Totals(n(row, "samples"), n(row, "cpu_seconds"), n(row, "net_rx"), n(row, "net_tx"),
                n(row, "disk_read"), n(row, "disk_write"));
    }

    private static long n(Tuple row, String column) {
        return row.get(column, Number.class).longValue();
    }
}
