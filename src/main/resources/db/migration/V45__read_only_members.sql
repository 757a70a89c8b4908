-- A read-only member sees everything of its tenant and changes nothing.
alter table membership drop constraint membership_role_check;
alter table membership add constraint membership_role_check check (role in ('OWNER', 'MEMBER', 'READ_ONLY'));
