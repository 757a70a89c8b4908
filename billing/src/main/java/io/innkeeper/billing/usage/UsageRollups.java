package io.innkeeper.billing.usage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.innkeeper.billing.BillingConfig;
import io.innkeeper.billing.Dates;
import io.innkeeper.billing.usage.HourlyRollup.Lifetime;
import io.innkeeper.billing.usage.HourlyRollup.Sample;
import io.innkeeper.billing.usage.HourlyRollup.UsageHour;

/**
 * Table {@code usage_hour}: recomputes whole hours from the meter samples and the servers' lives (read through the
 * views provisioning and orders publish, V66) and upserts them. Replicas take turns on one advisory lock, so two
 * rollups of the same hours never interleave.
 */
@ApplicationScoped
public class UsageRollups {

    private static final long LOCK = 0x1b11_0001L;

    private static final String UPSERT = """
            insert into usage_hour (server_id, hour, tenant_id, samples, existence_seconds, running_seconds, cpu_ns,
                                    net_rx_bytes, net_tx_bytes, disk_read_bytes, disk_write_bytes)
            select * from unnest(?::uuid[], ?::timestamptz[], ?::uuid[], ?::int[], ?::int[], ?::int[], ?::bigint[],
                                 ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
            on conflict (server_id, hour) do update
                set tenant_id = excluded.tenant_id, samples = excluded.samples,
                    existence_seconds = excluded.existence_seconds, running_seconds = excluded.running_seconds,
                    cpu_ns = excluded.cpu_ns, net_rx_bytes = excluded.net_rx_bytes,
                    net_tx_bytes = excluded.net_tx_bytes, disk_read_bytes = excluded.disk_read_bytes,
                    disk_write_bytes = excluded.disk_write_bytes
                where (usage_hour.tenant_id, usage_hour.samples, usage_hour.existence_seconds,
                       usage_hour.running_seconds, usage_hour.cpu_ns, usage_hour.net_rx_bytes, usage_hour.net_tx_bytes,
                       usage_hour.disk_read_bytes, usage_hour.disk_write_bytes)
                      is distinct from (excluded.tenant_id, excluded.samples, excluded.existence_seconds,
                       excluded.running_seconds, excluded.cpu_ns, excluded.net_rx_bytes, excluded.net_tx_bytes,
                       excluded.disk_read_bytes, excluded.disk_write_bytes)
            """;

    @Inject
    EntityManager em;

    @Inject
    BillingConfig config;

    /** Recomputes the hours that overlap {@code [from, to)}; answers how many rows it computed. Unchanged rows are
     * left alone, so a recomputation that finds nothing new writes nothing. */
    @Transactional
    public int rollup(Instant from, Instant to) {
        Instant start = HourlyRollup.hourOf(from);
        Instant end = HourlyRollup.hourOf(to).equals(to) ? to : HourlyRollup.hourOf(to).plus(1, ChronoUnit.HOURS);
        em.createNativeQuery("select pg_advisory_xact_lock(:lock)").setParameter("lock", LOCK).getSingleResult();
        List<UsageHour> rows = HourlyRollup.rollup(start, end, lifetimes(start, end),
                samples(start, end), config.rollup().maxRunningGap());
        write(rows);
        return rows.size();
    }

    /** Until when the schedule has rolled up; empty before its first run. */
    @Transactional
    public Optional<Instant> mark() {
        List<Object> rows = em.createNativeQuery("select rolled_to from usage_rollup_mark where id = 1")
                .getResultList();
        return rows.stream().findFirst().map(Dates::instant);
    }

    @Transactional
    public void mark(Instant rolledTo) {
        em.createNativeQuery("insert into usage_rollup_mark (id, rolled_to) values (1, :at) on conflict (id) do "
                + "update set rolled_to = greatest(usage_rollup_mark.rolled_to, excluded.rolled_to)")
                .setParameter("at", rolledTo).executeUpdate();
    }

    private List<Lifetime> lifetimes(Instant from, Instant to) {
        List<Tuple> rows = em.createNativeQuery("""
                select s.id, s.tenant_id, s.created_at, s.deleted_at
                from orders_server s join provisioning_guest g on g.id = s.id
                where s.created_at < :to and (s.deleted_at is null or s.deleted_at > :from) and g.status <> 'FAILED'
                """, Tuple.class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
        return rows.stream().map(r -> new Lifetime(r.get("id", UUID.class), r.get("tenant_id", UUID.class),
                Dates.instant(r.get("created_at")), Dates.instant(r.get("deleted_at")))).toList();
    }

    private List<Sample> samples(Instant from, Instant to) {
        var gap = config.rollup().maxRunningGap();
        List<Tuple> rows = em.createNativeQuery("""
                select guest_id, series, taken_at,
                       lag(taken_at) over (partition by guest_id, series order by taken_at) as previous_at,
                       cpu_ns_delta, net_rx_delta, net_tx_delta, block_read_delta, block_write_delta
                from provisioning_meter_sample where taken_at >= :from and taken_at < :to
                """, Tuple.class)
                .setParameter("from", from.minus(gap))
                .setParameter("to", to.plus(gap))
                .getResultList();
        return rows.stream().map(r -> new Sample(r.get("guest_id", UUID.class),
                r.get("series", Number.class).intValue(), Dates.instant(r.get("taken_at")),
                Dates.instant(r.get("previous_at")), toLong(r.get("cpu_ns_delta")), toLong(r.get("net_rx_delta")),
                toLong(r.get("net_tx_delta")), toLong(r.get("block_read_delta")), toLong(r.get("block_write_delta"))))
                .toList();
    }

    private void write(List<UsageHour> rows) {
        if (rows.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(UPSERT)) {
                int n = rows.size();
                Object[][] columns = new Object[11][n];
                for (int i = 0; i < n; i++) {
                    UsageHour u = rows.get(i);
                    columns[0][i] = u.serverId();
                    columns[1][i] = Timestamp.from(u.hour());
                    columns[2][i] = u.tenantId();
                    columns[3][i] = u.samples();
                    columns[4][i] = u.existenceSeconds();
                    columns[5][i] = u.runningSeconds();
                    columns[6][i] = u.cpuNs();
                    columns[7][i] = u.rxBytes();
                    columns[8][i] = u.txBytes();
                    columns[9][i] = u.readBytes();
                    columns[10][i] = u.writeBytes();
                }
                String[] types = { "uuid", "timestamptz", "uuid", "int4", "int4", "int4", "int8", "int8", "int8",
                    "int8", "int8" };
                for (int c = 0; c < columns.length; c++) {
                    insert.setArray(c + 1, array(connection, types[c], columns[c]));
                }
                insert.executeUpdate();
            }
        });
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }


    private static Long toLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
