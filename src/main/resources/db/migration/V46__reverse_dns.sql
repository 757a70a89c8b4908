-- The PTR name a customer set for one of its server's addresses. Keyed by address: when the address passes to
-- another server, that server sets its own and the old name is replaced.
create table reverse_dns (
    address     text primary key,
    server_id   uuid not null references server (id),
    ptr         text not null check (length(ptr) between 1 and 253),
    updated_at  timestamptz not null
);
create index reverse_dns_server on reverse_dns (server_id);
