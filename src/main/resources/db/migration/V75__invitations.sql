-- Invitations to join a tenant by e-mail (tenancy). Only the SHA-256 of a link's token is kept, so the table alone
-- opens no door. Pending means neither accepted nor revoked and not yet expired; expiry is decided in Java against
-- the injected clock, so no index can hold "one pending per address": Invitations checks it under the tenant's lock.
create table invitation (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id),
    email        text not null,
    role         text not null check (role in ('OWNER', 'MEMBER', 'READ_ONLY')),
    token_hash   text not null unique,
    invited_by   text not null,
    created_at   timestamptz not null,
    sent_at      timestamptz not null,
    expires_at   timestamptz not null,
    accepted_by  text,
    accepted_at  timestamptz,
    revoked_by   text,
    revoked_at   timestamptz
);
create index invitation_open on invitation (tenant_id, lower(email)) where accepted_at is null and revoked_at is null;

-- The country an account is in (ISO 3166-1 alpha-2), asked when an admin or a sign-up makes it. "if not exists"
-- because the sign-up work adds the same column in its own migration.
alter table tenant add column if not exists country text;
