-- Why, how, when and by whom a tenant was suspended. Set while the tenant is SUSPENDED through
-- TenantSuspensions, cleared when it is lifted. The kind tells what may lift it: paying lifts only NON_PAYMENT.
alter table tenant
    add column suspension_kind   text check (suspension_kind in ('ADMIN', 'NON_PAYMENT')),
    add column suspension_reason text,
    add column suspended_at      timestamptz,
    add column suspended_by      text;
