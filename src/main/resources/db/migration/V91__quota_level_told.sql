-- The quota step (0, 80 or 100 per cent) an account was last told of, per dimension, so each crossing is mailed
-- once: raised when an order or resize crosses a step, lowered when use falls back below it.
create table quota_level_told (
    tenant_id uuid not null references tenant (id) on delete cascade,
    dimension text not null,
    level     int not null check (level in (0, 80, 100)),
    primary key (tenant_id, dimension)
);
