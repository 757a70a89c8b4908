-- A per-tenant ledger of what was invoiced and what was paid or credited, and the dunning steps taken.

-- Amounts are positive; the kind gives the direction: INVOICE adds to what the tenant owes, PAYMENT and CREDIT
-- take from it. Payments and credits are applied to the oldest unpaid invoices (invoice.paid), and what is left
-- is prepaid credit for the next invoice.
create table ledger_entry (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id),
    at           timestamptz not null,
    kind         text not null check (kind in ('INVOICE', 'PAYMENT', 'CREDIT')),
    amount       numeric(16, 4) not null check (amount > 0),
    currency     text not null check (currency ~ '^[A-Z]{3}$'),
    invoice_id   uuid unique references invoice (id),
    reference    text,
    note         text,
    recorded_by  text not null,
    check ((kind = 'INVOICE') = (invoice_id is not null))
);
create index ledger_entry_tenant on ledger_entry (tenant_id, at);
-- A gateway's reference identifies one payment: reporting it twice records it once.
create unique index ledger_payment_reference on ledger_entry (tenant_id, reference)
    where kind = 'PAYMENT' and reference is not null;

-- Each dunning step is taken once per invoice.
create table dunning_step (
    invoice_id  uuid not null references invoice (id),
    step        text not null check (step in ('REMINDER', 'SUSPENSION', 'TERMINATION')),
    at          timestamptz not null,
    primary key (invoice_id, step)
);
