-- account: an outbox event's kind, object and data, for the notifications that quote it (notify's list and mails).
create view account_outbox_event as
    select id, type, subject, data from outbox_event;
