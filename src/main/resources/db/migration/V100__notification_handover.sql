-- Delivery of notifications across replicas and crashes (#18). Each claim of a notification gets its own lease
-- token, and only the holder of the live lease may hand the mail to the mail server or record the outcome. The
-- holder records when it begins handing the mail over; a row found in that state by the next claim was cut off
-- mid-handover (the replica died, or lost its lease), so the server may already hold a copy: the count says how
-- often that happened, and so how many extra copies, all with the same Message-ID, a recipient may have.
alter table notification add column lease_owner uuid;
alter table notification add column handover_at timestamptz;
alter table notification add column interrupted_handovers int not null default 0;
