-- The dunning steps' days past the due date, as the admin set them. One row at most (id = 1); without it the
-- configuration (innkeeper.billing.dunning.*) applies. version counts the saves; the audit log keeps each change.
create table dunning_settings (
    id              int primary key check (id = 1),
    reminder_days   int not null check (reminder_days >= 0),
    suspend_days    int not null,
    terminate_days  int not null,
    version         int not null,
    updated_at      timestamptz not null,
    updated_by      text not null,
    check (reminder_days < suspend_days and suspend_days < terminate_days)
);
