-- Issue #23: resellers invoice their own customers through the panel (billing.reseller). The platform still
-- invoices the reseller in invoice/invoice_line, unchanged; these tables hold what the reseller sets and issues.

-- Who the reseller is on its customers' invoices, its number prefix, the prices that are not a plan's, and its logo.
-- active: its customers are invoiced by it (and told so in their portal).
create table reseller_invoicing (
    reseller_id            uuid primary key references tenant (id),
    active                 boolean not null default false,
    seller_name            text not null check (length(seller_name) between 1 and 200),
    seller_address         text not null default '' check (length(seller_address) <= 500),
    number_prefix          text not null default 'INV-' check (number_prefix ~ '^[A-Z0-9-]{1,12}$'),
    traffic_per_gb         numeric(16, 4) not null default 0 check (traffic_per_gb >= 0),
    snapshot_per_gb_month  numeric(16, 4) not null default 0 check (snapshot_per_gb_month >= 0),
    logo                   bytea check (logo is null or length(logo) <= 204800),
    logo_type              text check (logo_type in ('image/png', 'image/jpeg')),
    updated_at             timestamptz not null,
    check ((logo is null) = (logo_type is null))
);

-- The reseller's price for a plan, by plan code so a new version of the plan keeps it; in the reseller's currency.
create table reseller_price (
    reseller_id   uuid not null references reseller_invoicing (reseller_id),
    plan_code     text not null check (length(plan_code) <= 100),
    hourly_price  numeric(16, 4) not null check (hourly_price >= 0),
    monthly_cap   numeric(16, 2) not null check (monthly_cap >= 0),
    primary key (reseller_id, plan_code)
);

-- A reseller's invoice to one of its customers, frozen as issued, seller details included. Numbers run without
-- gaps per reseller through invoice_number (issuer 'reseller:<id>'), like the platform's.
create table reseller_invoice (
    id              uuid primary key,
    reseller_id     uuid not null references tenant (id),
    customer_id     uuid not null references tenant (id),
    number          bigint not null,
    number_text     text not null,
    seller_name     text not null,
    seller_address  text not null,
    seller_vat_id   text,
    period          text not null check (period ~ '^[0-9]{4}-[0-9]{2}$'),
    period_start    timestamptz not null,
    period_end      timestamptz not null,
    time_zone       text not null,
    currency        text not null check (currency ~ '^[A-Z]{3}$'),
    net             numeric(16, 4) not null,
    tax             numeric(16, 4) not null check (tax >= 0),
    total           numeric(16, 4) not null check (total >= 0),
    paid            numeric(16, 4) not null default 0 check (paid >= 0),
    tax_treatment   text not null
        check (tax_treatment in ('NONE', 'DOMESTIC', 'EU_CONSUMER', 'REVERSE_CHARGE', 'OUTSIDE_EU')),
    tax_country     text check (tax_country is null or tax_country ~ '^[A-Z]{2}$'),
    tax_rate        numeric(6, 3) not null check (tax_rate >= 0 and tax_rate < 100),
    tax_note        text not null check (length(tax_note) <= 300),
    customer_vat_id text check (customer_vat_id is null or length(customer_vat_id) <= 16),
    tx_bytes        bigint not null check (tx_bytes >= 0),
    pool_bytes      bigint not null check (pool_bytes >= 0),
    issued_at       timestamptz not null,
    due_at          timestamptz not null,
    paid_at         timestamptz,
    unique (customer_id, period),
    unique (reseller_id, number),
    check (total = net + tax)
);
create index reseller_invoice_reseller on reseller_invoice (reseller_id, period desc);

create table reseller_invoice_line (
    invoice_id   uuid not null references reseller_invoice (id),
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
