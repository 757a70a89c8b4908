-- Self-service sign-up (issue 17): the country a person gives on the welcome page, and whether an account that signed
-- itself up still awaits an admin's approval (until then its quota is capped by innkeeper.signup.new-account.*).
-- "if not exists": the admin's tenant form (another branch of the same issue) may add the country column too.
alter table tenant add column if not exists country text check (country ~ '^[A-Z]{2}$');
alter table tenant add column awaiting_approval boolean not null default false;
