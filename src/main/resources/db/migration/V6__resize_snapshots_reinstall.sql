-- Resize, reinstall and snapshots run as jobs; a job may carry one argument (a snapshot's name).
alter table job add column arg text;
alter table job drop constraint job_kind_check;
alter table job add constraint job_kind_check check (kind in ('CREATE', 'REBOOT', 'DELETE', 'START', 'STOP',
    'POWER_OFF', 'RESIZE', 'REINSTALL', 'SNAPSHOT_CREATE', 'SNAPSHOT_REVERT', 'SNAPSHOT_DELETE'));

alter table guest drop constraint guest_status_check;
alter table guest add constraint guest_status_check check (status in ('PROVISIONING', 'RUNNING', 'STOPPED',
    'STARTING', 'STOPPING', 'REBOOTING', 'RESIZING', 'REINSTALLING', 'SNAPSHOTTING', 'DELETING', 'DELETED', 'ERROR',
    'FAILED'));

-- Snapshots as the panel knows them; they count against the snapshot quota from the moment they are asked for.
create table snapshot (
    id          uuid primary key,
    guest_id    uuid not null references guest (id),
    name        text not null,
    description text not null default '',
    created_at  timestamptz not null,
    state       text not null check (state in ('CREATING', 'READY', 'DELETING')),
    unique (guest_id, name)
);
