-- Reconciler findings, per-node task leases, and raw meter samples for billing. Findings and leases are derived
-- and go with their node; samples are billing records and stay.

-- The latest view of what differs between the panel and each node. A run replaces its node's rows; a finding
-- that recurs keeps its first_seen. subject says what the finding is about: the guest, the foreign domain, or
-- the node itself when it did not answer.
create table reconcile_finding (
    node_id      uuid not null references node (id) on delete cascade,
    kind         text not null check (kind in ('DRIFT_FIXED', 'MISSING_ON_HOST', 'UNKNOWN_ON_HOST',
                                               'NODE_UNREACHABLE')),
    guest_id     uuid references guest (id),
    domain_name  text,
    domain_uuid  uuid,
    power_state  text,
    detail       text not null,
    first_seen   timestamptz not null,
    last_seen    timestamptz not null,
    subject      uuid not null generated always as (coalesce(guest_id, domain_uuid, node_id)) stored,
    primary key (node_id, kind, subject),
    check ((kind in ('DRIFT_FIXED', 'MISSING_ON_HOST')) = (guest_id is not null)),
    check ((kind = 'UNKNOWN_ON_HOST') = (domain_uuid is not null))
);
create index reconcile_finding_guest on reconcile_finding (guest_id) where guest_id is not null;

-- Per node and task, when the next run is due and which replica holds it now: a replica runs a node's task only
-- after winning this row, so replicas never run it twice in one interval nor two at once.
create table node_task (
    node_id      uuid not null references node (id) on delete cascade,
    task         text not null check (task in ('RECONCILE', 'METER')),
    due_at       timestamptz not null,
    lease_owner  text,
    lease_until  timestamptz,
    primary key (node_id, task)
);

-- Raw counters as the node reported them (cumulative since the guest booted; null where the node has no such
-- counter) and the exact use since the guest's previous sample. series grows by one each time the counters
-- restart from zero (a reboot); deltas never go below zero.
create table meter_sample (
    id                 bigint generated always as identity primary key,
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
    unique (guest_id, taken_at)
);
-- Billing reads a period across all guests.
create index meter_sample_taken on meter_sample (taken_at);

-- Per guest, the last value of each counter in its current series: what the next sample's deltas are measured
-- from, even when the node skipped a counter in the latest sample. Written with each sample.
create table meter_baseline (
    guest_id           uuid primary key references guest (id),
    series             int not null check (series > 0),
    taken_at           timestamptz not null,
    cpu_time_ns        bigint,
    net_rx_bytes       bigint,
    net_tx_bytes       bigint,
    block_read_bytes   bigint,
    block_write_bytes  bigint
);
