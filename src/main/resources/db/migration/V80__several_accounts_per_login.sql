-- One login may belong to several tenants (issue 17: a person who works for two customers), once in each.
-- The panel picks the one it acts for (io.innkeeper.tenancy.AccountChoice), reading all of a login's memberships.
alter table membership drop constraint membership_login_key;
alter table membership add constraint membership_tenant_login unique (tenant_id, login);
-- The new unique index leads with tenant_id, so it serves what membership_tenant served.
drop index membership_tenant;
create index membership_login on membership (login);
