-- Offline migration: a job moves a guest to another node of the same type; the guest shows MIGRATING meanwhile.
alter table job drop constraint job_kind_check;
alter table job add constraint job_kind_check check (kind in ('CREATE', 'REBOOT', 'DELETE', 'START', 'STOP',
    'POWER_OFF', 'RESIZE', 'REINSTALL', 'SNAPSHOT_CREATE', 'SNAPSHOT_REVERT', 'SNAPSHOT_DELETE', 'MIGRATE'));

alter table guest drop constraint guest_status_check;
alter table guest add constraint guest_status_check check (status in ('PROVISIONING', 'RUNNING', 'STOPPED',
    'STARTING', 'STOPPING', 'REBOOTING', 'RESIZING', 'REINSTALLING', 'SNAPSHOTTING', 'MIGRATING', 'DELETING',
    'DELETED', 'ERROR', 'FAILED'));
