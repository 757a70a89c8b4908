-- Retention (#25): what each module's purge needs to find its old rows without reading the whole table.
create index job_finished on job (finished_at) where finished_at is not null;
create index api_idempotency_created on api_idempotency (created_at);
create index notification_created on notification (created_at);

-- notify: the outbox events its notifications quote, so account's purge keeps an event while one still does.
create view notify_notification_event as
    select event_id from notification;
