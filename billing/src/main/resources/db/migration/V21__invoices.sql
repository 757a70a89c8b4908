-- Invoices: one per billed tenant and month of its time zone, numbered without gaps per issuer.

-- The last number each issuer gave out. Taken in the invoice's own transaction, so a rollback gives it back.
create table invoice_number (
    issuer       text primary key,
    last_number  bigint not null check (last_number > 0)
);

create table invoice (
    id            uuid primary key,
    tenant_id     uuid not null references tenant (id),
    issuer        text not null,
    number        bigint not null,
    number_text   text not null,
    period        text not null check (period ~ '^[0-9]{4}-[0-9]{2}$'),
    period_start  timestamptz not null,
    period_end    timestamptz not null,
    time_zone     text not null,
    currency      text not null check (currency ~ '^[A-Z]{3}$'),
    total         numeric(16, 4) not null check (total >= 0),
    paid          numeric(16, 4) not null default 0 check (paid >= 0),
    tx_bytes      bigint not null check (tx_bytes >= 0),
    pool_bytes    bigint not null check (pool_bytes >= 0),
    issued_at     timestamptz not null,
    due_at        timestamptz not null,
    paid_at       timestamptz,
    unique (tenant_id, period),
    unique (issuer, number)
);
create index invoice_tenant on invoice (tenant_id, period_start desc);
create index invoice_unpaid on invoice (due_at) where paid < total;

-- A line says what it bills and which hourly usage lies behind it: its server (none for pooled traffic) and span.
create table invoice_line (
    invoice_id   uuid not null references invoice (id),
    position     int not null,
    kind         text not null check (kind in ('SERVER', 'TRAFFIC', 'SNAPSHOT')),
    description  text not null,
    server_id    uuid references server (id),
    plan_id      uuid references plan (id),
    quantity     numeric(20, 6) not null,
    unit         text not null,
    unit_price   numeric(16, 6) not null,
    amount       numeric(16, 4) not null,
    usage_from   timestamptz not null,
    usage_to     timestamptz not null,
    primary key (invoice_id, position)
);
create index invoice_line_server on invoice_line (server_id) where server_id is not null;

-- What each invoice run did, for the admin page.
create table invoice_run (
    id            uuid primary key,
    period        text,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    requested_by  text not null,
    issued        int not null default 0,
    existing      int not null default 0,
    empty         int not null default 0,
    failed        int not null default 0,
    detail        text
);
create index invoice_run_started on invoice_run (started_at desc);
