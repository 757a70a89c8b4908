-- Account API: panel-issued API tokens, SSH keys, idempotent POSTs, integrators' external references,
-- webhook endpoints and the outbox of events they receive.

create table api_token (
    id            uuid primary key,
    -- The tenant the token acts for: the creator's own, or for a reseller one of its customers.
    tenant_id     uuid not null references tenant (id),
    owner_tenant  uuid not null references tenant (id),
    created_by    text not null,
    name          text not null check (length(name) between 1 and 100),
    -- The first characters of the secret, so a person can tell tokens apart; the secret itself is never stored.
    prefix        text not null,
    secret_hash   text not null unique check (secret_hash ~ '^[0-9a-f]{64}$'),
    scope         text not null check (scope in ('READ', 'WRITE')),
    allowed_ips   text,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
create index api_token_owner on api_token (owner_tenant, created_at desc);

create table ssh_key (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id),
    name         text not null check (length(name) between 1 and 100),
    key_type     text not null,
    public_key   text not null,
    fingerprint  text not null,
    created_at   timestamptz not null,
    unique (tenant_id, fingerprint)
);
create index ssh_key_tenant on ssh_key (tenant_id, created_at desc);

-- A POST with an Idempotency-Key: the first answer, replayed for the same key and body.
create table api_idempotency (
    tenant_id    uuid not null references tenant (id),
    key          text not null,
    operation    text not null,
    body_hash    text not null,
    status       int,
    response     text,
    created_at   timestamptz not null,
    primary key (tenant_id, key)
);

-- The integrator's own id for a server or an account, unique per owning tenant and kind.
create table external_ref (
    object_id   uuid primary key,
    tenant_id   uuid not null references tenant (id),
    kind        text not null check (kind in ('server', 'account')),
    ref         text not null check (length(ref) between 1 and 200),
    unique (tenant_id, kind, ref)
);

create table webhook_endpoint (
    id          uuid primary key,
    tenant_id   uuid not null references tenant (id),
    url         text not null,
    secret      text not null,
    created_at  timestamptz not null,
    disabled_at timestamptz
);
create index webhook_endpoint_tenant on webhook_endpoint (tenant_id);

-- Events written in the transaction of the change they describe; seq orders them.
create table outbox_event (
    id          uuid primary key,
    seq         bigserial unique,
    tenant_id   uuid not null references tenant (id),
    type        text not null,
    subject     text not null,
    data        text not null,
    created_at  timestamptz not null
);
create index outbox_event_tenant on outbox_event (tenant_id, seq);

-- One event's delivery to one endpoint, retried with backoff until it succeeds or runs out of attempts.
create table webhook_delivery (
    id            uuid primary key,
    event_id      uuid not null references outbox_event (id),
    endpoint_id   uuid not null references webhook_endpoint (id),
    state         text not null check (state in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts      int not null default 0,
    run_after     timestamptz not null,
    last_status   int,
    last_error    text,
    delivered_at  timestamptz,
    seq           bigint not null,
    unique (event_id, endpoint_id)
);
create index webhook_delivery_due on webhook_delivery (state, run_after) where state = 'PENDING';
