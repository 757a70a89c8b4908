-- Signs of life of the open console sessions (issue 19). The replica holding a session's WebSocket refreshes its
-- row every few seconds and deletes it when the session ends; a replica that dies stops refreshing, and any
-- replica's sweep then closes the session at its last sign of life, so the admin's list and the audit show when it
-- really ended. A table of its own rather than a column of console_session (V120): the row is written often and goes
-- with the session's end. Times are the database's, so replicas with skewed clocks agree.
create table console_session_beat (
    session_id uuid primary key,
    beat_at    timestamptz not null
);
