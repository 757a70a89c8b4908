-- meter_sample becomes a table partitioned by range of taken_at, one partition per UTC day (#25), so that old
-- samples leave by dropping a whole partition (no delete, no vacuum, no bloat) once billing has rolled them up
-- into usage_hour and they are past their retention. A day and not a month or a week: at 10,000 guests sampled
-- each minute one day is 14.4 million rows, so a day's partition and its indexes stay small enough to be cached
-- while the metering inserts go into it, and the table keeps at most a day more than its retention. A few dozen
-- partitions cost the planner little, and every query of the table names a time range or one guest.
--
-- The rows already stored move to the new table: one partition for each day that has samples, ids kept. Rows for
-- a day that has no partition yet (the schedule that creates them ahead was not running) land in the default
-- partition, so an insert never fails; the schedule moves them into their day's partition when it makes it.

drop view provisioning_meter_sample;

alter table meter_sample rename to meter_sample_unpartitioned;
alter table meter_sample_unpartitioned rename constraint meter_sample_pkey to meter_sample_unpartitioned_pkey;
alter table meter_sample_unpartitioned rename constraint meter_sample_guest_id_taken_at_key
    to meter_sample_unpartitioned_guest_id_taken_at_key;
alter index meter_sample_taken rename to meter_sample_unpartitioned_taken;

-- The key includes taken_at, as PostgreSQL requires of a partitioned table's unique constraints.
create table meter_sample (
    id                 bigint generated always as identity,
    guest_id           uuid not null references guest (id),
    node_id            uuid not null references node (id),
    taken_at           timestamptz not null,
    series             int not null check (series > 0),
    cpu_time_ns        bigint check (cpu_time_ns >= 0),
    net_rx_bytes       bigint check (net_rx_bytes >= 0),
    net_tx_bytes       bigint check (net_tx_bytes >= 0),
    block_read_bytes   bigint check (block_read_bytes >= 0),
    block_write_bytes  bigint check (block_write_bytes >= 0),
    cpu_ns_delta       bigint check (cpu_ns_delta >= 0),
    net_rx_delta       bigint check (net_rx_delta >= 0),
    net_tx_delta       bigint check (net_tx_delta >= 0),
    block_read_delta   bigint check (block_read_delta >= 0),
    block_write_delta  bigint check (block_write_delta >= 0),
    primary key (id, taken_at),
    unique (guest_id, taken_at)
) partition by range (taken_at);
-- Billing reads a period across all guests.
create index meter_sample_taken on meter_sample (taken_at);

create table meter_sample_default partition of meter_sample default;

-- One partition per UTC day that holds samples, and today and the next week's days. The names are those
-- io.innkeeper.provisioning.metering.MeterPartitions makes: meter_sample_pYYYYMMDD.
do $$
declare
    d date;
begin
    for d in
        select distinct (taken_at at time zone 'UTC')::date from meter_sample_unpartitioned
        union
        select (now() at time zone 'UTC')::date + i from generate_series(0, 7) i
    loop
        execute format('create table %I partition of meter_sample for values from (%L) to (%L)',
                       'meter_sample_p' || to_char(d, 'YYYYMMDD'),
                       (d::timestamp at time zone 'UTC'), ((d + 1)::timestamp at time zone 'UTC'));
    end loop;
end
$$;

insert into meter_sample overriding system value
    select id, guest_id, node_id, taken_at, series, cpu_time_ns, net_rx_bytes, net_tx_bytes, block_read_bytes,
           block_write_bytes, cpu_ns_delta, net_rx_delta, net_tx_delta, block_read_delta, block_write_delta
    from meter_sample_unpartitioned;

select setval(pg_get_serial_sequence('meter_sample', 'id'),
              coalesce((select max(id) from meter_sample_unpartitioned), 0) + 1, false);

drop table meter_sample_unpartitioned;

-- The constraints were named while the old table still held the usual names; give them those names back.
do $$
declare
    c record;
begin
    for c in select conname from pg_constraint
             where conrelid = 'meter_sample'::regclass and conname ~ '_(check|fkey)1$'
    loop
        execute format('alter table meter_sample rename constraint %I to %I', c.conname,
                       left(c.conname, length(c.conname) - 1));
    end loop;
end
$$;

create view provisioning_meter_sample as
    select guest_id, series, taken_at, cpu_ns_delta, net_rx_delta, net_tx_delta, block_read_delta, block_write_delta
    from meter_sample;
