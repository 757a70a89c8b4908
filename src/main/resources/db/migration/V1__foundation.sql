-- Foundation schema: tenancy, catalog, nodes, guests, servers and durable jobs.

create table tenant (
    id          uuid primary key,
    name        text not null check (length(name) between 1 and 200),
    kind        text not null check (kind in ('CUSTOMER', 'RESELLER')),
    parent_id   uuid references tenant (id),
    status      text not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    currency    text not null check (currency ~ '^[A-Z]{3}$'),
    time_zone   text not null,
    created_at  timestamptz not null,
    -- Only customers sit under a reseller, one level deep.
    check (parent_id is null or kind = 'CUSTOMER')
);
create index tenant_parent on tenant (parent_id);

-- A Keycloak user's place in a tenant. Platform admins have none.
create table membership (
    id          uuid primary key,
    tenant_id   uuid not null references tenant (id),
    login       text not null,
    role        text not null check (role in ('OWNER', 'MEMBER')),
    created_at  timestamptz not null,
    unique (login)
);
create index membership_tenant on membership (tenant_id);

create table region (
    id    uuid primary key,
    code  text not null unique,
    name  text not null
);

create table node (
    id                  uuid primary key,
    region_id           uuid not null references region (id),
    name                text not null unique,
    guest_type          text not null check (guest_type in ('kvm', 'xen', 'lxc', 'openvz')),
    libvirt_uri         text not null,
    vcpus               int not null check (vcpus > 0),
    memory_mib          bigint not null check (memory_mib > 0),
    disk_gib            bigint not null check (disk_gib > 0),
    cpu_overcommit      numeric(5, 2) not null default 1 check (cpu_overcommit >= 1),
    memory_overcommit   numeric(5, 2) not null default 1 check (memory_overcommit >= 1),
    state               text not null default 'ACTIVE' check (state in ('ACTIVE', 'MAINTENANCE', 'OFFLINE')),
    created_at          timestamptz not null
);
create index node_region on node (region_id);

create table os_template (
    id           uuid primary key,
    code         text not null unique,
    name         text not null,
    guest_types  text not null,
    image        text not null,
    on_sale      boolean not null default true
);

create table plan (
    id            uuid primary key,
    code          text not null unique,
    name          text not null,
    guest_type    text not null check (guest_type in ('kvm', 'xen', 'lxc', 'openvz')),
    vcpus         int not null check (vcpus > 0),
    memory_mib    int not null check (memory_mib > 0),
    disk_gib      int not null check (disk_gib > 0),
    hourly_price  numeric(12, 4) not null check (hourly_price >= 0),
    monthly_cap   numeric(12, 2) not null check (monthly_cap >= 0),
    currency      text not null check (currency ~ '^[A-Z]{3}$'),
    on_sale       boolean not null default true
);

-- The hypervisor side of a server: where it runs and in what state. owner_ref is the tenant, opaque here.
create table guest (
    id           uuid primary key,
    node_id      uuid not null references node (id),
    owner_ref    uuid not null,
    hostname     text not null,
    vcpus        int not null,
    memory_mib   int not null,
    disk_gib     int not null,
    template_id  uuid not null references os_template (id),
    status       text not null check (status in ('PROVISIONING', 'RUNNING', 'STOPPED', 'REBOOTING', 'DELETING',
                                                 'DELETED', 'ERROR')),
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    version      bigint not null default 0
);
create index guest_node on guest (node_id) where status <> 'DELETED';

-- The customer's side of a server; shares its id with the guest.
create table server (
    id           uuid primary key references guest (id),
    tenant_id    uuid not null references tenant (id),
    hostname     text not null,
    plan_id      uuid not null references plan (id),
    template_id  uuid not null references os_template (id),
    region_id    uuid not null references region (id),
    created_at   timestamptz not null,
    deleted_at   timestamptz
);
create index server_tenant on server (tenant_id, created_at desc);
create unique index server_hostname_per_tenant on server (tenant_id, hostname) where deleted_at is null;

-- Durable jobs: claimed with FOR UPDATE SKIP LOCKED under a lease, so replicas never run one twice at once.
create table job (
    id            uuid primary key,
    guest_id      uuid not null references guest (id),
    kind          text not null check (kind in ('CREATE', 'REBOOT', 'DELETE')),
    state         text not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    attempts      int not null default 0,
    max_attempts  int not null,
    run_after     timestamptz not null,
    lease_owner   text,
    lease_until   timestamptz,
    step          text,
    error         text,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    finished_at   timestamptz
);
create index job_due on job (run_after) where state in ('QUEUED', 'RUNNING');
create index job_guest on job (guest_id, created_at);
