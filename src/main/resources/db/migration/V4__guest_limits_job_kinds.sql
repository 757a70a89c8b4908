-- The plan's limits travel with the guest, so a plan's next version never changes a running guest.
alter table guest add column cpu_shares int check (cpu_shares > 0);
alter table guest add column cpu_period_us bigint check (cpu_period_us > 0);
alter table guest add column cpu_quota_us bigint check (cpu_quota_us > 0);
alter table guest add column disk_iops bigint check (disk_iops > 0);
alter table guest add column disk_bytes_sec bigint check (disk_bytes_sec > 0);
alter table guest add column net_kibps bigint check (net_kibps > 0);

alter table job drop constraint job_kind_check;
alter table job add constraint job_kind_check check (kind in ('CREATE', 'REBOOT', 'DELETE', 'START', 'STOP',
    'POWER_OFF'));

alter table guest drop constraint guest_status_check;
alter table guest add constraint guest_status_check check (status in ('PROVISIONING', 'RUNNING', 'STOPPED',
    'STARTING', 'STOPPING', 'REBOOTING', 'DELETING', 'DELETED', 'ERROR', 'FAILED'));
