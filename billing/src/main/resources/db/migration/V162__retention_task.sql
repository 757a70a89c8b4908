-- The retention run (#25) is claimed once per period across replicas the way the billing schedules are.
alter table billing_task drop constraint billing_task_task_check;
alter table billing_task add constraint billing_task_task_check
    check (task in ('INVOICE_RUN', 'USAGE_ROLLUP', 'RETENTION'));
