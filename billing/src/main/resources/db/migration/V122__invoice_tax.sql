-- Issue #23: an invoice's VAT, computed once per invoice (billing.tax.Taxation) and frozen as issued: the net sum
-- of its lines, the tax, how VAT applied, the country and rate, the note the invoice must carry, and the customer's
-- VAT id at the time. total stays what the customer owes: net plus tax.
alter table invoice
    add column net numeric(16, 4),
    add column tax numeric(16, 4) not null default 0 check (tax >= 0),
    add column tax_treatment text not null default 'NONE'
        check (tax_treatment in ('NONE', 'DOMESTIC', 'EU_CONSUMER', 'REVERSE_CHARGE', 'OUTSIDE_EU')),
    add column tax_country text check (tax_country is null or tax_country ~ '^[A-Z]{2}$'),
    add column tax_rate numeric(6, 3) not null default 0 check (tax_rate >= 0 and tax_rate < 100),
    add column tax_note text not null default '' check (length(tax_note) <= 300),
    add column customer_vat_id text check (customer_vat_id is null or length(customer_vat_id) <= 16);
update invoice set net = total;
alter table invoice
    alter column net set not null,
    add constraint invoice_net_plus_tax check (total = net + tax);
