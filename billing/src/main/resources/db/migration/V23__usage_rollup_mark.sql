-- How far the rollup schedule got: after the panel was down, the next rollup starts here rather than at its
-- usual look-back, so no hour is left without its rollup.
create table usage_rollup_mark (
    id         int primary key check (id = 1),
    rolled_to  timestamptz not null
);
