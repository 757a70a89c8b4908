-- An owner can require every member of the account to sign in with a second factor (TOTP). The panel enforces it
-- from the sign-in token's amr claim; Keycloak holds the authenticators.
alter table tenant add column requires_two_factor boolean not null default false;
