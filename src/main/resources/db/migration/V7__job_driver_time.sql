-- How long a job spent waiting on the host, so the panel's own overhead can be told apart from the hypervisor's.
alter table job add column driver_micros bigint;
