-- Bank transfers: each invoice's structured creditor reference (ISO 11649), the camt.053 statements an admin
-- imported, and every credit entry read from them, once.

-- The reference is made in Java (PaymentReference) from the invoice number; stored so a statement line finds its
-- invoice by an index.
create table invoice_payment_reference (
    reference   text primary key check (reference ~ '^RF[0-9]{2}[A-Z0-9]{1,21}$'),
    invoice_id  uuid not null unique references invoice (id)
);

create table bank_import (
    id            uuid primary key,
    file_name     text not null check (length(file_name) <= 200),
    statement_id  text check (length(statement_id) <= 35),
    account       text check (length(account) <= 70),
    imported_at   timestamptz not null,
    imported_by   text not null,
    credits       int not null default 0 check (credits >= 0),
    known         int not null default 0 check (known >= 0),
    skipped       int not null default 0 check (skipped >= 0)
);
create index bank_import_at on bank_import (imported_at desc);

-- One row per booked credit entry of any statement, keyed by the bank's own reference for it (AcctSvcrRef, else
-- NtryRef): a statement imported twice adds nothing. The same reference is the ledger payment's reference.
create table bank_credit (
    entry_ref      text primary key check (length(entry_ref) between 1 and 35),
    import_id      uuid not null references bank_import (id),
    position       int not null,
    booked_on      date,
    amount         numeric(16, 4) not null check (amount > 0),
    currency       text not null check (currency ~ '^[A-Z]{3}$'),
    debtor         text check (length(debtor) <= 140),
    remittance     text check (length(remittance) <= 500),
    reference      text check (length(reference) <= 35),
    outcome        text not null check (outcome in ('EXACT', 'PARTIAL', 'OVER', 'UNMATCHED', 'ASSIGNED')),
    reason         text check (length(reason) <= 200),
    invoice_id     uuid references invoice (id),
    tenant_id      uuid references tenant (id),
    assigned_by    text,
    check ((outcome = 'UNMATCHED') = (tenant_id is null))
);
create index bank_credit_import on bank_credit (import_id, position);
create index bank_credit_unmatched on bank_credit (import_id) where outcome = 'UNMATCHED';
