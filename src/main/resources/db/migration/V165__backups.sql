-- Backups (#20): a full copy of a guest's disk kept off its node, in a storage pool of a backup host (a libvirt
-- connection and a directory on it, configured per region). A row is the panel's record of one copy: where it is
-- (the target as it was when the copy was made, so a changed setting does not lose old copies), its size and
-- SHA-256, and whether it was taken from a running guest (crash-consistent) or a stopped one (clean). A copy is
-- READY only once every byte is on the target and its checksum is recorded; a failed or deleted one is DELETING
-- until the reaper has removed its volume, then the row goes.
create table guest_backup (
    id           uuid primary key,
    guest_id     uuid not null references guest (id),
    trigger      text not null check (trigger in ('MANUAL', 'SCHEDULED')),
    state        text not null check (state in ('CREATING', 'READY', 'DELETING')),
    target_uri   text not null,
    target_dir   text not null,
    volume       text,
    size_bytes   bigint not null default 0 check (size_bytes >= 0),
    sha256       text check (sha256 ~ '^[0-9a-f]{64}$'),
    consistency  text check (consistency in ('CRASH', 'CLEAN', 'NO_DATA')),
    created_at   timestamptz not null,
    finished_at  timestamptz
);
create index guest_backup_guest on guest_backup (guest_id, created_at);
create index guest_backup_deleting on guest_backup (state) where state = 'DELETING';

alter table job drop constraint job_kind_check;
alter table job add constraint job_kind_check check (kind in ('CREATE', 'REBOOT', 'DELETE', 'START', 'STOP',
    'POWER_OFF', 'RESIZE', 'REINSTALL', 'SNAPSHOT_CREATE', 'SNAPSHOT_REVERT', 'SNAPSHOT_DELETE', 'MIGRATE',
    'RESCUE_ON', 'RESCUE_OFF', 'CDROM_INSERT', 'CDROM_EJECT', 'BOOT_DEVICE', 'BACKUP_CREATE', 'BACKUP_RESTORE'));

alter table guest drop constraint guest_status_check;
alter table guest add constraint guest_status_check check (status in ('PROVISIONING', 'RUNNING', 'STOPPED',
    'STARTING', 'STOPPING', 'REBOOTING', 'RESIZING', 'REINSTALLING', 'SNAPSHOTTING', 'MIGRATING', 'DELETING',
    'DELETED', 'ERROR', 'FAILED', 'BACKING_UP', 'RESTORING'));
