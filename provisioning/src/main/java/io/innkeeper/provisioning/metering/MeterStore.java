package io.innkeeper.provisioning.metering;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.query.NativeQuery;

import io.innkeeper.provisioning.driver.GuestStats;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.metering.MeterDelta.Baseline;
import io.innkeeper.provisioning.metering.MeterDelta.Metered;

/**
 * Tables {@code meter_sample} and {@code meter_baseline}. A node's readings are stored in one transaction that
 * locks the guests' baselines first, so a sample and the baseline it moves forward are written together.
 */
@ApplicationScoped
public class MeterStore {

    /** The counters as read from the guest, in {@link Counters#columns()} order; then their deltas. */
    private static final List<String> RAW = List.of("cpu_time_ns", "net_rx_bytes", "net_tx_bytes",
            "block_read_bytes", "block_write_bytes");
    private static final List<String> DELTAS = List.of("cpu_ns_delta", "net_rx_delta", "net_tx_delta",
            "block_read_delta", "block_write_delta");
    private static final String COUNTERS = String.join(", ", RAW);

    private static final String INSERT_SAMPLE = """
            insert into meter_sample (guest_id, node_id, taken_at, series, cpu_time_ns, net_rx_bytes, net_tx_bytes,
                                      block_read_bytes, block_write_bytes, cpu_ns_delta, net_rx_delta, net_tx_delta,
                                      block_read_delta, block_write_delta)
            values (:guest, :node, :at, :series, :r0, :r1, :r2, :r3, :r4, :d0, :d1, :d2, :d3, :d4)
            """;

    private static final String UPSERT_BASELINE = """
            insert into meter_baseline (guest_id, series, taken_at, cpu_time_ns, net_rx_bytes, net_tx_bytes,
                                        block_read_bytes, block_write_bytes)
            values (:guest, :series, :at, :r0, :r1, :r2, :r3, :r4)
            on conflict (guest_id) do update
                set series = excluded.series, taken_at = excluded.taken_at, cpu_time_ns = excluded.cpu_time_ns,
                    net_rx_bytes = excluded.net_rx_bytes, net_tx_bytes = excluded.net_tx_bytes,
                    block_read_bytes = excluded.block_read_bytes, block_write_bytes = excluded.block_write_bytes
            """;

    @Inject
    EntityManager em;

    /** Stores the readings of the node's live guests; readings of guests the node does not hold are ignored. */
    @Transactional(TxType.REQUIRES_NEW)
    public int record(UUID nodeId, Instant takenAt, List<GuestStats> readings) {
        Set<UUID> live = Set.copyOf(em.createQuery("select g.id from Guest g where g.node.id = :node "
                + "and g.status in (:live)", UUID.class)
                .setParameter("node", nodeId)
                .setParameter("live", GuestStatus.live())
                .getResultList());
        List<GuestStats> ours = readings.stream().filter(r -> live.contains(r.id())).toList();
        if (ours.isEmpty()) {
            return 0;
        }
        Map<UUID, Baseline> baselines = lockBaselines(ours.stream().map(GuestStats::id).toList());
        for (GuestStats reading : ours) {
            Metered metered = MeterDelta.next(Optional.ofNullable(baselines.get(reading.id())), Counters.of(reading));
            NativeQuery<?> sample = nativeQuery(INSERT_SAMPLE)
                    .setParameter("node", nodeId, UUID.class);
            bind(sample, reading.id(), takenAt, metered.series(), metered.raw());
            bindCounters(sample, "d", metered.delta()).executeUpdate();
            NativeQuery<?> baseline = nativeQuery(UPSERT_BASELINE);
            bind(baseline, reading.id(), takenAt, metered.next().series(), metered.next().last()).executeUpdate();
        }
        return ours.size();
    }

    /** The guest's samples, oldest first. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<MeterSample> forGuest(UUID guestId) {
        List<Tuple> rows = em.createNativeQuery("select guest_id, node_id, taken_at, series, " + COUNTERS + ", "
                + String.join(", ", DELTAS) + " from meter_sample where guest_id = :guest order by taken_at",
                Tuple.class)
                .setParameter("guest", guestId)
                .getResultList();
        return rows.stream().map(r -> new MeterSample(r.get("guest_id", UUID.class), r.get("node_id", UUID.class),
                instant(r.get("taken_at")), r.get("series", Number.class).intValue(), counters(r, RAW),
                counters(r, DELTAS))).toList();
    }

    private Map<UUID, Baseline> lockBaselines(List<UUID> guestIds) {
        List<Tuple> rows = em.createNativeQuery("select guest_id, series, " + COUNTERS
                + " from meter_baseline where guest_id in (:ids) for update", Tuple.class)
                .setParameter("ids", guestIds)
                .getResultList();
        Map<UUID, Baseline> baselines = new HashMap<>();
        for (Tuple r : rows) {
            baselines.put(r.get("guest_id", UUID.class), new Baseline(r.get("series", Number.class).intValue(),
                    counters(r, RAW)));
        }
        return baselines;
    }

    private NativeQuery<?> nativeQuery(String sql) {
        return em.createNativeQuery(sql).unwrap(NativeQuery.class);
    }

    private static NativeQuery<?> bind(NativeQuery<?> query, UUID guestId, Instant at, int series, Counters raw) {
        query.setParameter("guest", guestId, UUID.class)
                .setParameter("at", at, Instant.class)
                .setParameter("series", series, Integer.class);
        return bindCounters(query, "r", raw);
    }

    private static NativeQuery<?> bindCounters(NativeQuery<?> query, String prefix, Counters counters) {
        List<Long> columns = counters.columns();
        for (int i = 0; i < columns.size(); i++) {
            query.setParameter(prefix + i, columns.get(i), Long.class);
        }
        return query;
    }

    private static Counters counters(Tuple row, List<String> columns) {
        return Counters.ofNullable(toLong(row.get(columns.get(0))), toLong(row.get(columns.get(1))),
                toLong(row.get(columns.get(2))), toLong(row.get(columns.get(3))), toLong(row.get(columns.get(4))));
    }

    private static Long toLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
