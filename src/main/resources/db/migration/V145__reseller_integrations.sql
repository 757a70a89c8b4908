-- What a reseller's integration needs (issue 26, items 5, 7 and 8).

-- A webhook endpoint chooses its event types (comma separated; null: all of them). A rotated secret keeps signing
-- beside the new one until previous_secret_until, so a receiver can switch secrets without losing a delivery.
alter table webhook_endpoint add column event_types text;
alter table webhook_endpoint add column previous_secret text;
alter table webhook_endpoint add column previous_secret_until timestamptz;
alter table webhook_endpoint add constraint webhook_endpoint_previous_whole
    check ((previous_secret is null) = (previous_secret_until is null));

-- An API token narrowed to some resources (comma separated; null: all of them). A bootstrap token does one thing,
-- once: mint a token through the API within its own limits, so an integration gets its token without a browser.
alter table api_token add column resources text;
alter table api_token add column bootstrap boolean not null default false;

-- A single sign-on link a reseller asks for, which signs its customer's owner into the customer portal once. Only
-- the SHA-256 of the link's secret and of the panel session it opens are kept.
create table login_link (
    id              uuid primary key,
    tenant_id       uuid not null references tenant (id),
    login           text not null,
    created_by      text not null,
    reseller_id     uuid not null references tenant (id),
    secret_hash     text not null unique check (secret_hash ~ '^[0-9a-f]{64}$'),
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    used_at         timestamptz,
    session_hash    text unique check (session_hash ~ '^[0-9a-f]{64}$'),
    session_until   timestamptz,
    ended_at        timestamptz,
    check ((used_at is null) = (session_hash is null) and (session_hash is null) = (session_until is null))
);
create index login_link_tenant on login_link (tenant_id, created_at desc);
