-- Rescue mode (issue 19 part 4). An admin keeps rescue systems per region: a kernel and an initramfs at paths on
-- the region's nodes (as templates keep images there) and a kernel command line. A guest in rescue boots its
-- region's rescue system with its own disk attached; it keeps the rescue system and the SHA-512 crypt hash of the
-- one-time root password (the kernel command line carries the hash, never the password) until it leaves rescue.
create table rescue_system (
    id          uuid primary key,
    region_id   uuid not null references region (id),
    name        varchar(100) not null,
    kernel      varchar(255) not null,
    initrd      varchar(255) not null,
    cmdline     varchar(1000) not null default '',
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    unique (region_id, name)
);

alter table guest add column rescue_system_id uuid references rescue_system (id);
alter table guest add column rescue_password_hash varchar(200);
alter table guest add column rescue_since timestamptz;
alter table guest add constraint guest_rescue_whole check ((rescue_system_id is null) = (rescue_password_hash is null)
    and (rescue_system_id is null) = (rescue_since is null));

alter table job drop constraint job_kind_check;
alter table job add constraint job_kind_check check (kind in ('CREATE', 'REBOOT', 'DELETE', 'START', 'STOP',
    'POWER_OFF', 'RESIZE', 'REINSTALL', 'SNAPSHOT_CREATE', 'SNAPSHOT_REVERT', 'SNAPSHOT_DELETE', 'MIGRATE',
    'RESCUE_ON', 'RESCUE_OFF'));
