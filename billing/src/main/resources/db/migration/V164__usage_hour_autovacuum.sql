-- Retention deletes a day of billing's hourly usage every day (UsageRetention): about 1/400 of the table. With the
-- default scale factor (20 % dead rows) autovacuum would wait months before making that space reusable, and the table
-- would go on growing; at 2 % it runs every week or so of deletions, so the table levels off.
alter table usage_hour set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
