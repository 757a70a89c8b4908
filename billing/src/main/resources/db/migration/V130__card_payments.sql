-- Card payments through a gateway (Stripe): refunds in the ledger, the tenant's stored card and its automatic
-- charge setting, the gateway events already handled, and the durable queue of automatic charges.

-- A refund gives back (part of) a gateway payment: it adds to what the tenant owes, as an invoice does
-- (EntryKind.REFUND). Its reference is the refunded payment's reference.
alter table ledger_entry drop constraint ledger_entry_kind_check;
alter table ledger_entry add constraint ledger_entry_kind_check
    check (kind in ('INVOICE', 'PAYMENT', 'CREDIT', 'REFUND'));
alter table ledger_entry add constraint ledger_entry_refund_reference
    check (kind <> 'REFUND' or reference is not null);
create index ledger_entry_reference on ledger_entry (reference) where reference is not null;

-- The tenant as the gateway knows it (a Stripe customer), the card it stored for later charges, and whether an
-- issued invoice is charged to that card at once.
create table card_customer (
    tenant_id       uuid primary key references tenant (id),
    gateway         text not null check (length(gateway) <= 20),
    customer_ref    text not null unique check (length(customer_ref) <= 255),
    method_ref      text check (length(method_ref) <= 255),
    method_label    text check (length(method_label) <= 100),
    auto_charge     boolean not null default false,
    updated_at      timestamptz not null,
    check (not auto_charge or method_ref is not null)
);

-- Each gateway event is handled once, however often the gateway sends it.
create table card_event (
    id           text primary key check (length(id) <= 255),
    type         text not null check (length(type) <= 100),
    received_at  timestamptz not null
);

-- An issued invoice to charge to the stored card, written in the invoice's transaction and worked off later,
-- outside it, with retries (AutoCharges).
create table card_auto_charge (
    invoice_id   uuid primary key references invoice (id),
    tenant_id    uuid not null references tenant (id),
    state        text not null check (state in ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts     int not null default 0 check (attempts >= 0),
    next_at      timestamptz not null,
    reference    text check (length(reference) <= 255),
    last_error   text check (length(last_error) <= 500)
);
create index card_auto_charge_due on card_auto_charge (next_at) where state = 'PENDING';
