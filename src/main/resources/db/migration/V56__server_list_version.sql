-- Each tenant's server-list version. The API keeps the pages of servers it has written and serves one again only
-- while its tenant's version is the one it read before the page (ServerPageCache): one primary-key read instead of the
-- page's joins. Whatever a server list shows (a server's own columns, its guest's status and size, its external
-- ref, the catalog codes, a tenant's reseller) changes the version of the tenant and of its reseller, whoever writes
-- it: the panel, an admin's SQL or a migration. A version is a fresh sequence value, never one seen before, so a
-- page is current exactly while the version it was read at is.
--
-- Row triggers only note the tenants a transaction touched (a transaction-local setting, no lock). At commit, one
-- deferred trigger bumps them in the order of their ids, so two transactions touching the same tenants in another
-- order cannot deadlock, and a version row is locked only while its transaction commits.
create sequence server_list_version_seq;

create table server_list_version (
    tenant_id  uuid primary key,
    version    bigint not null
);

-- Notes a tenant and its reseller as changed in this transaction ('*': every tenant).
create function server_list_note(changed uuid) returns void language plpgsql as $$
declare
    noted text := coalesce(current_setting('innkeeper.server_list_changed', true), '');
    reseller uuid;
begin
    if changed is null then
        return;
    end if;
    if position('*' in noted) > 0 then
        return;
    end if;
    if position(changed::text in noted) = 0 then
        noted := noted || changed::text || ',';
    end if;
    select parent_id into reseller from tenant where id = changed;
    if reseller is not null and position(reseller::text in noted) = 0 then
        noted := noted || reseller::text || ',';
    end if;
    perform set_config('innkeeper.server_list_changed', noted, true);
end $$;

create function server_list_note_all() returns void language plpgsql as $$
begin
    perform set_config('innkeeper.server_list_changed',
                       coalesce(current_setting('innkeeper.server_list_changed', true), '') || '*,', true);
end $$;

-- At commit (the first deferred call does it all, the rest find nothing noted): the noted tenants' versions, in id order.
create function server_list_bump() returns trigger language plpgsql as $$
declare
    noted text := coalesce(current_setting('innkeeper.server_list_changed', true), '');
begin
    if noted = '' then
        return null;
    end if;
    perform set_config('innkeeper.server_list_changed', '', true);
    if position('*' in noted) > 0 then
        insert into server_list_version (tenant_id, version)
        select id, nextval('server_list_version_seq') from tenant order by id
        on conflict (tenant_id) do update set version = excluded.version;
    else
        insert into server_list_version (tenant_id, version)
        select changed, nextval('server_list_version_seq')
        from (select distinct cast(t as uuid) changed from unnest(string_to_array(rtrim(noted, ','), ',')) t) c
        order by changed
        on conflict (tenant_id) do update set version = excluded.version;
    end if;
    return null;
end $$;

-- Whether an update changed what a server list shows of the row: the note and bump triggers of each table ask the
-- same question.
create function server_list_shown_server(o server, n server) returns boolean language sql immutable as $$
    select o.tenant_id is distinct from n.tenant_id or o.hostname is distinct from n.hostname
        or o.plan_id is distinct from n.plan_id or o.template_id is distinct from n.template_id
        or o.region_id is distinct from n.region_id or o.created_at is distinct from n.created_at
        or o.deleted_at is distinct from n.deleted_at
$$;

create function server_list_shown_guest(o guest, n guest) returns boolean language sql immutable as $$
    select o.id is distinct from n.id or o.status is distinct from n.status or o.vcpus is distinct from n.vcpus
        or o.memory_mib is distinct from n.memory_mib or o.disk_gib is distinct from n.disk_gib
$$;

create function server_list_shown_ref(o external_ref, n external_ref) returns boolean language sql immutable as $$
    select o.object_id is distinct from n.object_id or o.ref is distinct from n.ref or o.kind is distinct from n.kind
$$;

create function server_list_shown_tenant(o tenant, n tenant) returns boolean language sql immutable as $$
    select o.parent_id is distinct from n.parent_id or o.kind is distinct from n.kind
$$;

create function server_list_server_changed() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform server_list_note(old.tenant_id);
    end if;
    if tg_op <> 'DELETE' then
        perform server_list_note(new.tenant_id);
    end if;
    return null;
end $$;

create trigger server_list_server after insert or delete on server for each row
    execute function server_list_server_changed();
create trigger server_list_server_update after update on server for each row
    when (server_list_shown_server(old, new))
    execute function server_list_server_changed();

-- A guest is its server's: same id.
create function server_list_guest_changed() returns trigger language plpgsql as $$
begin
    perform server_list_note((select tenant_id from server where id = coalesce(new.id, old.id)));
    if tg_op = 'UPDATE' and new.id <> old.id then
        perform server_list_note((select tenant_id from server where id = old.id));
    end if;
    return null;
end $$;

create trigger server_list_guest after insert or delete on guest for each row
    execute function server_list_guest_changed();
create trigger server_list_guest_update after update on guest for each row
    when (server_list_shown_guest(old, new))
    execute function server_list_guest_changed();

-- The list shows a server's external ref (joined on the object's id, whatever the owning tenant).
create function server_list_ref_changed() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform server_list_note((select tenant_id from server where id = old.object_id));
    end if;
    if tg_op <> 'DELETE' then
        perform server_list_note((select tenant_id from server where id = new.object_id));
    end if;
    return null;
end $$;

create trigger server_list_ref after insert or delete on external_ref for each row
    execute function server_list_ref_changed();
create trigger server_list_ref_update after update on external_ref for each row
    when (server_list_shown_ref(old, new))
    execute function server_list_ref_changed();

-- A tenant that changes reseller or kind changes its own scope and both resellers'.
create function server_list_tenant_changed() returns trigger language plpgsql as $$
begin
    perform server_list_note(new.id);
    perform server_list_note(old.parent_id);
    return null;
end $$;

create trigger server_list_tenant after update on tenant for each row
    when (server_list_shown_tenant(old, new))
    execute function server_list_tenant_changed();

-- A catalog code shows in every list (rare: an admin renames a plan, template or region).
create function server_list_code_changed() returns trigger language plpgsql as $$
begin
    perform server_list_note_all();
    return null;
end $$;

create trigger server_list_plan after update on plan for each row when (old.code is distinct from new.code)
    execute function server_list_code_changed();
create trigger server_list_template after update on os_template for each row
    when (old.code is distinct from new.code) execute function server_list_code_changed();
create trigger server_list_region after update on region for each row when (old.code is distinct from new.code)
    execute function server_list_code_changed();

-- The bump, at commit, once a transaction changed any of those (the same conditions: no call for other columns).
create constraint trigger server_list_bump_server after insert or delete on server
    deferrable initially deferred for each row execute function server_list_bump();
create constraint trigger server_list_bump_server_update after update on server
    deferrable initially deferred for each row
    when (server_list_shown_server(old, new))
    execute function server_list_bump();
create constraint trigger server_list_bump_guest after insert or delete on guest
    deferrable initially deferred for each row execute function server_list_bump();
create constraint trigger server_list_bump_guest_update after update on guest
    deferrable initially deferred for each row
    when (server_list_shown_guest(old, new))
    execute function server_list_bump();
create constraint trigger server_list_bump_ref after insert or delete on external_ref
    deferrable initially deferred for each row execute function server_list_bump();
create constraint trigger server_list_bump_ref_update after update on external_ref
    deferrable initially deferred for each row
    when (server_list_shown_ref(old, new))
    execute function server_list_bump();
create constraint trigger server_list_bump_tenant after update on tenant
    deferrable initially deferred for each row
    when (server_list_shown_tenant(old, new))
    execute function server_list_bump();
create constraint trigger server_list_bump_plan after update on plan
    deferrable initially deferred for each row when (old.code is distinct from new.code)
    execute function server_list_bump();
create constraint trigger server_list_bump_template after update on os_template
    deferrable initially deferred for each row when (old.code is distinct from new.code)
    execute function server_list_bump();
create constraint trigger server_list_bump_region after update on region
    deferrable initially deferred for each row when (old.code is distinct from new.code)
    execute function server_list_bump();

-- Emptying a table has no row events: every version moves, at once.
create function server_list_truncated() returns trigger language plpgsql as $$
begin
    insert into server_list_version (tenant_id, version)
    select id, nextval('server_list_version_seq') from tenant order by id
    on conflict (tenant_id) do update set version = excluded.version;
    return null;
end $$;

create trigger server_list_server_truncate after truncate on server for each statement
    execute function server_list_truncated();
create trigger server_list_guest_truncate after truncate on guest for each statement
    execute function server_list_truncated();
create trigger server_list_ref_truncate after truncate on external_ref for each statement
    execute function server_list_truncated();
