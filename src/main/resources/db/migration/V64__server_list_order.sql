-- Every server list (ListServers) orders newest first, ties by id ascending. The admin list's index ordered ties by
-- id descending; this one matches the list's order, so a page of every tenant's servers is one index range.
create index server_live_order on server (created_at desc, id) where deleted_at is null;
drop index server_live_page;
