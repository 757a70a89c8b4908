-- Notifications (#18): each outbox event becomes notifications for the people it concerns, written in the event's
-- transaction; a worker mails them. The row is also the in-portal notification (read_at).

-- The language a tenant's mails and pages are written in.
alter table tenant add column language text not null default 'en';
alter table tenant add constraint tenant_language check (language in ('en', 'de'));

-- A reseller that chose to receive copies of its customers' billing mails.
alter table tenant add column copy_customer_billing boolean not null default false;

-- A login's address as Keycloak last told the panel (at sign-in, or looked up when a mail was due).
create table person (
    login       text primary key,
    email       text,
    updated_at  timestamptz not null
);

-- A person's choice for one kind of notification: mail on or off. No row means the default (on for owners,
-- off for other members); mandatory kinds (billing, security) ignore a choice to switch them off.
create table notification_choice (
    login       text not null,
    topic       text not null,
    mail        boolean not null,
    primary key (login, topic)
);

create table notification (
    id              uuid primary key,
    seq             bigserial unique,
    event_id        uuid not null references outbox_event (id),
    tenant_id       uuid not null references tenant (id),
    about_tenant_id uuid not null references tenant (id),
    login           text not null,
    topic           text not null,
    created_at      timestamptz not null,
    read_at         timestamptz,
    mail_state      text not null,
    attempts        int not null default 0,
    run_after       timestamptz not null,
    last_error      text,
    sent_at         timestamptz,
    constraint notification_mail_state check (mail_state in ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
    constraint notification_once unique (event_id, tenant_id, login)
);
create index notification_due on notification (run_after) where mail_state = 'PENDING';
create index notification_inbox on notification (tenant_id, login, seq desc);
create index notification_unread on notification (tenant_id, login) where read_at is null;
create index notification_about on notification (about_tenant_id, seq desc);
