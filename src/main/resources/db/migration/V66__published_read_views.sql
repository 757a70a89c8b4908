-- Each module's SQL port: the read views a module publishes for the others, named <module>_<what>. A module's tables
-- are its own; another module's SQL names only these views (ModuleTablesTest checks both sides). Each is a plain
-- select of some columns of one of its module's tables, with no join, filter or aggregate, so PostgreSQL folds it into
-- the query that reads it: the plans and their indexes stay those of the tables, and FOR UPDATE through a view locks
-- the table's rows. A view carries only the columns another module reads; a column a view names cannot be dropped or
-- retyped until the view is replaced, which is the point: the port changes on purpose.

-- tenancy: the account tree and what billing needs to invoice it.
create view tenancy_tenant as
    select id, parent_id, kind, name, currency, time_zone, created_at from tenant;

-- orders: a server's owner, plan and life, for billing and the tenant admin's counts.
create view orders_server as
    select id, tenant_id, hostname, plan_id, created_at, deleted_at from server;

-- catalog: a plan's name and version for lists, and its prices for rating.
create view catalog_plan as
    select id, code, name, version, hourly_price, monthly_cap, currency, traffic_gb from plan;

-- account: a server's external reference, for the server list's filter and column.
create view account_external_ref as
    select object_id, kind, ref from external_ref;

-- provisioning: a guest's size, place and state; its addresses, snapshots and meter samples.
create view provisioning_guest as
    select id, owner_ref, node_id, status, vcpus, memory_mib, disk_gib from guest;

create view provisioning_node as
    select id, name from node;

create view provisioning_region as
    select id, code, name from region;

create view provisioning_os_template as
    select id, code, name from os_template;

create view provisioning_ip_pool as
    select id, family from ip_pool;

create view provisioning_ip_address as
    select guest_id, pool_id, address from ip_address;

create view provisioning_snapshot as
    select guest_id, name, state, created_at from snapshot;

create view provisioning_meter_sample as
    select guest_id, series, taken_at, cpu_ns_delta, net_rx_delta, net_tx_delta, block_read_delta, block_write_delta
    from meter_sample;
