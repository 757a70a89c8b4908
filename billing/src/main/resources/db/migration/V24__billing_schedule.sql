-- When each billing schedule is next due and which replica ran it last: a replica runs a schedule only after
-- moving its due time forward in one statement, so however many replicas tick, each period runs once.
create table billing_task (
    task        text primary key check (task in ('INVOICE_RUN', 'USAGE_ROLLUP')),
    due_at      timestamptz not null,
    claimed_by  text not null,
    claimed_at  timestamptz not null
);
