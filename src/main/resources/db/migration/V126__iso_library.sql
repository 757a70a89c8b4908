-- The admin's ISO library per region and each VM's CD-ROM drive (issue #19, part 5). An ISO is a file in the
-- image directory of every node of its region, recorded with its SHA-256 as the admin gives it.
create table iso_image (
    id uuid primary key,
    region_id uuid not null references region (id),
    name varchar(80) not null,
    file_name varchar(200) not null,
    sha256 char(64) not null check (sha256 ~ '^[0-9a-f]{64}$'),
    created_at timestamptz not null,
    unique (region_id, name),
    unique (region_id, file_name)
);

-- cdrom_drive: the guest has a drive (it stays, empty, after an eject); cdrom_iso_id: the ISO in it;
-- boot_cdrom: the next start boots from it.
alter table guest add column cdrom_drive boolean not null default false;
alter table guest add column cdrom_iso_id uuid references iso_image (id);
alter table guest add column boot_cdrom boolean not null default false;

alter table job drop constraint job_kind_check;
alter table job add constraint job_kind_check check (kind in ('CREATE', 'REBOOT', 'DELETE', 'START', 'STOP',
    'POWER_OFF', 'RESIZE', 'REINSTALL', 'SNAPSHOT_CREATE', 'SNAPSHOT_REVERT', 'SNAPSHOT_DELETE', 'MIGRATE',
    'RESCUE_ON', 'RESCUE_OFF', 'CDROM_INSERT', 'CDROM_EJECT', 'BOOT_DEVICE'));
