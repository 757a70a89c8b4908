-- Automatic backups (#20): a server's schedule, daily or weekly, starting in the hour (UTC) its owner chose. The
-- scheduler takes a backup when the hour comes and the last one is old enough; one it cannot take then (the server
-- busy or in rescue) is recorded as missed, with why, for the owner to see. Retention is the backups' own (keep N).
create table backup_schedule (
    guest_id        uuid primary key references guest (id),
    every           text not null check (every in ('DAILY', 'WEEKLY')),
    hour_utc        smallint not null check (hour_utc between 0 and 23),
    created_at      timestamptz not null,
    last_taken_at   timestamptz,
    last_missed_at  timestamptz,
    missed_reason   text check (length(missed_reason) <= 500)
);
