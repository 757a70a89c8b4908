-- Letters to one person (invitations) wait here until the mail server has taken them: written in the transaction
-- that made them, so a rolled-back change mails nobody and a letter survives a dropped connection, a relay that is
-- away and a panel that stops. A sent letter is deleted at once (its text holds a one-time link); one the server
-- refused for good stays, marked FAILED with the reason, until retention removes it.
create table mail_letter (
    id            uuid primary key,
    recipient     varchar(254) not null,
    subject       varchar(200) not null,
    body          text not null check (length(body) <= 100000),
    state         varchar(16) not null default 'PENDING' check (state in ('PENDING', 'FAILED')),
    attempts      integer not null default 0,
    run_after     timestamptz not null default now(),
    lease_owner   uuid,
    last_error    varchar(1000),
    created_at    timestamptz not null default now()
);
create index mail_letter_due on mail_letter (run_after) where state = 'PENDING';
