-- A record of the periodic per-node runs (reconcile, meter collection): one row per claim a replica won on
-- node_task, written by a trigger so every claim path is covered, closed when the lease is released. A run with
-- no finished_at whose lease_until has passed was left by a replica that died; the next claim takes it over.
-- replica is the winning connection's application_name (e.g. ApplicationName=pod-name in the JDBC URL).
-- Kept for a week.
create table node_task_run (
    id           bigint generated always as identity primary key,
    node_id      uuid not null references node (id) on delete cascade,
    task         text not null,
    lease_owner  text not null,
    replica      text,
    started_at   timestamptz not null,
    lease_until  timestamptz not null,
    finished_at  timestamptz
);
create index node_task_run_node on node_task_run (node_id, task, started_at);

create function node_task_record_run() returns trigger language plpgsql as $$
begin
    if new.lease_owner is not null and (tg_op = 'INSERT' or old.lease_owner is distinct from new.lease_owner) then
        insert into node_task_run (node_id, task, lease_owner, replica, started_at, lease_until)
        values (new.node_id, new.task, new.lease_owner, nullif(current_setting('application_name', true), ''), now(),
                new.lease_until);
        delete from node_task_run
        where node_id = new.node_id and task = new.task and started_at < now() - interval '7 days';
    elsif tg_op = 'UPDATE' and old.lease_owner is not null and new.lease_owner is null then
        update node_task_run set finished_at = now()
        where node_id = new.node_id and task = new.task and lease_owner = old.lease_owner;
    end if;
    return new;
end
$$;

create trigger node_task_run after insert or update on node_task
    for each row execute function node_task_record_run();
