-- The step of the pooled traffic allowance (80 or 100 per cent) a billed tenant was told of in a month (its own
-- zone's, as 'YYYY-MM'), so each step is mailed once per month.
create table traffic_level_told (
    tenant_id uuid not null references tenant (id) on delete cascade,
    period    text not null,
    level     int not null check (level in (0, 80, 100)),
    primary key (tenant_id, period)
);
