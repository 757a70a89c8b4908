-- Admins edit nodes and IP pools. A node may cap how many guests it holds (null: no cap beyond its resources);
-- a pool gets a name and the DNS servers its guests are told to use.
alter table node add column max_guests int check (max_guests > 0);

alter table ip_pool add column name text check (length(name) between 1 and 100);
alter table ip_pool add column dns_servers text not null default '';
