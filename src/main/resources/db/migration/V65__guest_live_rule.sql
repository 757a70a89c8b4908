-- The live guest rule in SQL, once: GuestStatus.isLive() in Java, which RulesInSqlTest holds it equal to. V57's node
-- load function and its trigger's condition each listed the statuses; they ask guest_live now. The trigger stays, as
-- measured (placement reads one row per node: a dry run 148 -> 376 rps); only where its rule is written changes.
create function guest_live(status text) returns boolean language sql immutable as $$
    select status not in ('DELETED', 'FAILED')
$$;

create or replace function node_load_guest_changed() returns trigger language plpgsql as $$
declare
    was_live boolean := tg_op <> 'INSERT' and guest_live(old.status);
    is_live boolean := tg_op <> 'DELETE' and guest_live(new.status);
    d record;
begin
    -- The old node loses the guest as it was, the new one gains it as it is; rows are updated in node order.
    for d in
        select node_id, sum(vcpus) vcpus, sum(memory_mib) memory_mib, sum(disk_gib) disk_gib, sum(guests) guests
        from (select old.node_id node_id, -old.vcpus::bigint vcpus, -old.memory_mib::bigint memory_mib,
                     -old.disk_gib::bigint disk_gib, -1::bigint guests where was_live
              union all
              select new.node_id, new.vcpus, new.memory_mib, new.disk_gib, 1 where is_live) c
        group by node_id order by node_id
    loop
        if d.vcpus <> 0 or d.memory_mib <> 0 or d.disk_gib <> 0 or d.guests <> 0 then
            update node_load set vcpus = vcpus + d.vcpus, memory_mib = memory_mib + d.memory_mib,
                                 disk_gib = disk_gib + d.disk_gib, guests = guests + d.guests
            where node_id = d.node_id;
        end if;
    end loop;
    return null;
end $$;

drop trigger node_load_guest_update on guest;
create trigger node_load_guest_update after update on guest for each row
    when (old.node_id is distinct from new.node_id or old.vcpus is distinct from new.vcpus
          or old.memory_mib is distinct from new.memory_mib or old.disk_gib is distinct from new.disk_gib
          or guest_live(old.status) is distinct from guest_live(new.status))
    execute function node_load_guest_changed();
