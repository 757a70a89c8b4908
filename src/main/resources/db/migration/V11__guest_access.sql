-- How the customer gets into a guest, served to its cloud-init at boot: a SHA-512 crypt hash of the root password
-- (never the password), public SSH keys for root (one per line) and optional #cloud-config user data. generation
-- goes up on every change, and with it the instance id cloud-init sees, so a reset applies at the next boot.
create table guest_access (
    guest_id            uuid primary key references guest (id),
    root_password_hash  text check (root_password_hash like '$6$%'),
    ssh_keys            text not null default '',
    user_data           text check (length(user_data) <= 65536),
    generation          int not null default 1 check (generation > 0),
    updated_at          timestamptz not null
);
