-- The admin portal's lists across all tenants. The server list pages by (created_at, id), newest first, over live
-- servers; its filters by plan and state, the job list's failed jobs and the audit log's search each get an index.
create index server_live_page on server (created_at desc, id desc) where deleted_at is null;
create index server_plan on server (plan_id) where deleted_at is null;
create index guest_status on guest (status, node_id);
create index job_failed on job (updated_at desc) where state = 'FAILED';
create index audit_actor on audit_event (actor, at desc);
create index audit_action on audit_event (action text_pattern_ops, at desc);
