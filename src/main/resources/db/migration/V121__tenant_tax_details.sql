-- Issue #23: what VAT needs to know of an account: whether it is a business, and its VAT id (checked by
-- billing.tax.VatId, stored as VIES writes it). Billing reads them, with the country, through tenancy_tenant.
alter table tenant
    add column business boolean not null default false,
    add column vat_id text check (vat_id is null or vat_id ~ '^[A-Z]{2}[A-Z0-9+*]{2,14}$'),
    add constraint tenant_vat_id_business check (vat_id is null or business);

create or replace view tenancy_tenant as
    select id, parent_id, kind, name, currency, time_zone, created_at, country, business, vat_id from tenant;
