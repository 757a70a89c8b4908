-- The API's server list is rendered by PostgreSQL, one JSON object per row (row_to_json of these types), so the
-- panel copies bytes instead of decoding columns and encoding them again. The field names and order are those of
-- io.innkeeper.api.ApiViews.ServerView as Jackson writes it; ServerListJsonTest holds the two byte-equal.
create type api_ref as (id uuid, code text);

create type api_server as (
    id            uuid,
    hostname      text,
    status        text,
    account       uuid,
    region        api_ref,
    plan          api_ref,
    template      api_ref,
    vcpus         int,
    "memoryMib"   int,
    "diskGib"     int,
    "externalRef" text,
    addresses     text[],
    "createdAt"   text
);

-- An instant as java.time.Instant.toString() writes it (and so Jackson): UTC, 'Z', and the fraction in groups of
-- three digits, none when it is zero.
create function api_instant(at timestamptz) returns text language sql stable as $$
    select to_char(at at time zone 'UTC', case when extract(microseconds from at)::bigint % 1000000 = 0
                                                    then 'YYYY-MM-DD"T"HH24:MI:SS'
                                               when extract(microseconds from at)::bigint % 1000 = 0
                                                    then 'YYYY-MM-DD"T"HH24:MI:SS.MS'
                                               else 'YYYY-MM-DD"T"HH24:MI:SS.US' end) || 'Z'
$$;
