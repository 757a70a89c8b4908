-- A warning before termination is a dunning step of its own, taken once per invoice like the others.
alter table dunning_step drop constraint dunning_step_step_check;
alter table dunning_step add constraint dunning_step_step_check
    check (step in ('REMINDER', 'SUSPENSION', 'TERMINATION_WARNING', 'TERMINATION'));
