-- The interactive console (issue 19). A ticket lets one person open one server's console once, within a short
-- time; only its SHA-256 is kept, as for API tokens. A session is one console connection, open or closed, so the
-- audit can say who was on which console and for how long, and an admin can end one held by another replica.
create table console_ticket (
    id          uuid primary key,
    token_hash  text not null unique,
    server_id   uuid not null references server (id) on delete cascade,
    login       text not null,
    admin       boolean not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index console_ticket_expiry on console_ticket (expires_at);

create table console_session (
    id               uuid primary key,
    server_id        uuid not null references server (id) on delete cascade,
    tenant_id        uuid not null,
    login            text not null,
    admin            boolean not null,
    opened_at        timestamptz not null,
    closed_at        timestamptz,
    close_reason     text,
    end_requested_by text
);
create index console_session_open on console_session (server_id) where closed_at is null;
