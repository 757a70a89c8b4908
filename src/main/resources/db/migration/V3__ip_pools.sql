-- IP pools per region. Every IPv4 address of a pool is a row; an IPv6 pool hands out addresses in order. An
-- address row belongs to at most one guest at a time (one column), and the address itself is unique, so no
-- address can ever sit on two servers. Released addresses rest for a cool-down before reuse.
create table ip_pool (
    id           uuid primary key,
    region_id    uuid not null references region (id),
    family       int not null check (family in (4, 6)),
    network      cidr not null unique,
    gateway      inet not null,
    next_index   bigint not null default 1,
    created_at   timestamptz not null
);
create index ip_pool_region on ip_pool (region_id, family);

create table ip_address (
    id           uuid primary key,
    pool_id      uuid not null references ip_pool (id),
    address      inet not null unique,
    guest_id     uuid references guest (id),
    assigned_at  timestamptz,
    released_at  timestamptz
);
create index ip_address_free on ip_address (pool_id, released_at nulls first, address) where guest_id is null;
create index ip_address_guest on ip_address (guest_id) where guest_id is not null;
