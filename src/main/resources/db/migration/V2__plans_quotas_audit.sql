-- Plans become versioned and carry every limit; tenants get quotas; orders get idempotency keys; an audit log.

-- A plan row never changes once servers use it: an edit publishes a new version of the same code.
alter table plan drop constraint plan_code_key;
alter table plan add column version int not null default 1;
alter table plan add constraint plan_code_version unique (code, version);
alter table plan rename column guest_type to guest_types;
alter table plan drop constraint plan_guest_type_check;
alter table plan add column traffic_gb int not null default 1000 check (traffic_gb >= 0);
alter table plan add column port_mbit int not null default 1000 check (port_mbit > 0);
alter table plan add column disk_iops int check (disk_iops > 0);
alter table plan add column disk_mbyte_s int check (disk_mbyte_s > 0);
alter table plan add column cpu_shares int not null default 1024 check (cpu_shares between 2 and 262144);
alter table plan add column cpu_cap_percent int check (cpu_cap_percent between 1 and 100);
alter table plan add column created_at timestamptz not null default now();
alter table plan add column retired_at timestamptz;
create unique index plan_current on plan (code) where retired_at is null;

-- Limits per tenant; null means "no separate limit" for the running counts. A tenant without a row gets the
-- configured default. A reseller's row is its pool: its customers' quotas and usage count against it.
create table quota (
    tenant_id               uuid primary key references tenant (id),
    max_servers             int not null check (max_servers >= 0),
    max_vcpus               int not null check (max_vcpus >= 0),
    max_memory_mib          bigint not null check (max_memory_mib >= 0),
    max_disk_gib            bigint not null check (max_disk_gib >= 0),
    max_ipv4                int not null check (max_ipv4 >= 0),
    max_snapshots           int not null check (max_snapshots >= 0),
    max_running_servers     int check (max_running_servers >= 0),
    max_running_vcpus       int check (max_running_vcpus >= 0),
    max_running_memory_mib  bigint check (max_running_memory_mib >= 0),
    updated_at              timestamptz not null,
    updated_by              text not null
);

-- The same order sent twice with one key makes one server.
alter table server add column idempotency_key text;
alter table server add column order_fingerprint text;
create unique index server_idempotency on server (tenant_id, idempotency_key) where idempotency_key is not null;

-- Guests whose creation failed for good hold nothing (no quota, no room on the node).
alter table guest drop constraint guest_status_check;
alter table guest add constraint guest_status_check check (status in ('PROVISIONING', 'RUNNING', 'STOPPED',
    'REBOOTING', 'DELETING', 'DELETED', 'ERROR', 'FAILED'));
create index guest_owner on guest (owner_ref) where status not in ('DELETED', 'FAILED');

create table audit_event (
    id            uuid primary key,
    at            timestamptz not null,
    actor         text not null,
    actor_tenant  uuid,
    source_ip     text,
    request_id    text,
    action        text not null,
    target_type   text not null,
    target_id     text,
    tenant_id     uuid,
    outcome       text not null check (outcome in ('OK', 'REFUSED')),
    detail        text,
    before_state  jsonb,
    after_state   jsonb
);
create index audit_at on audit_event (at desc);
create index audit_tenant on audit_event (tenant_id, at desc);
create index audit_target on audit_event (target_type, target_id);
