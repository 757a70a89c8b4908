-- Billing's hourly usage per server, and the history of each server's plan so a month can be split at a change.

-- One row per server and UTC hour: what its samples in that hour add up to (exact bytes, nanoseconds) and how
-- long the server existed in it. Recomputing an hour from the samples gives the same row.
create table usage_hour (
    server_id          uuid not null references server (id),
    hour               timestamptz not null,
    tenant_id          uuid not null references tenant (id),
    samples            int not null check (samples >= 0),
    existence_seconds  int not null check (existence_seconds between 0 and 3600),
    running_seconds    int not null check (running_seconds between 0 and 3600),
    cpu_ns             bigint not null check (cpu_ns >= 0),
    net_rx_bytes       bigint not null check (net_rx_bytes >= 0),
    net_tx_bytes       bigint not null check (net_tx_bytes >= 0),
    disk_read_bytes    bigint not null check (disk_read_bytes >= 0),
    disk_write_bytes   bigint not null check (disk_write_bytes >= 0),
    primary key (server_id, hour),
    check (date_trunc('hour', hour at time zone 'UTC') = hour at time zone 'UTC')
);
create index usage_hour_tenant on usage_hour (tenant_id, hour);

-- Every plan change of a server, written in the same transaction as the change. The plan a server was created
-- with is the first change's from_plan, or server.plan_id when it never changed.
create table server_plan_change (
    id          bigint generated always as identity primary key,
    server_id   uuid not null references server (id),
    changed_at  timestamptz not null,
    from_plan   uuid not null references plan (id),
    to_plan     uuid not null references plan (id)
);
create index server_plan_change_server on server_plan_change (server_id, changed_at);
