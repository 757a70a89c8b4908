package io.innkeeper.api;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.ForbiddenException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import io.innkeeper.kernel.Busy;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.tenancy.Caller;

/**
 * The API's busiest read, a page of servers, answered on the I/O thread: one SQL statement over the non-blocking
 * {@link ApiReadPool}, without a transaction or entities. PostgreSQL renders each server's JSON; the panel only
 * puts the rows' bytes between the page's brackets. It uses Vert.x futures, not Mutiny, so no context is captured
 * and restored around each step. The scope is the caller's tenant and, for a reseller, its customers (as
 * {@link io.innkeeper.tenancy.Scope} has it), found by the same statement; its text depends only on the filters
 * used, so the client keeps it prepared.
 */
@ApplicationScoped
public class ServerList {

    /** What a server list may be narrowed to; null fields do not narrow it. */
    public record ServerFilter(String status, String region, String hostname, String externalRef, UUID account) {
    }

    /**
     * Each row is the server's JSON, rendered by PostgreSQL (the api_server type, V55), then the sort key for the
     * cursor. The scope is $1.
     */
    private static final String SELECT = "select convert_to(row_to_json(row(s.id, s.hostname, g.status, s.tenant_id, "
            + "row(r.id, r.code)::api_ref, row(p.id, p.code)::api_ref, row(o.id, o.code)::api_ref, g.vcpus, "
            + "g.memory_mib, g.disk_gib, e.ref, null::text[], api_instant(s.created_at))::api_server)::text, 'UTF8'), "
            + "s.created_at, s.id from server s "
            + "join guest g on g.id = s.id join plan p on p.id = s.plan_id join os_template o on o.id = "
            + "s.template_id join region r on r.id = s.region_id join tenant t on t.id = s.tenant_id "
            + "left join external_ref e on e.object_id = s.id "
            + "where (s.tenant_id = $1 or (t.parent_id = $1 and exists (select 1 from tenant own where own.id = $1 "
            + "and own.kind = 'RESELLER'))) and s.deleted_at is null";

    @Inject
    ApiReadPool reads;

    /** The tenant whose scope the caller has: a token's own, or the signed-in login's membership. */
    public Future<UUID> scopeTenant(Caller caller) {
        UUID token = caller.tokenTenantId();
        if (token != null) {
            return Future.succeededFuture(token);
        }
        return run(reads.pool().preparedQuery("select tenant_id from membership where login = $1 limit 1")
                .execute(Tuple.of(caller.login())), "reading the caller's account")
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ForbiddenException(Caller.NO_TENANT);
                    }
                    return rows.iterator().next().getUUID(0);
                });
    }

    /** A checked request for a page: the statement and its parameters but the scope's tenant ($1). */
    public record Query(String sql, List<Object> parameters, int limit) {
    }

    /** The statement for a page; bad filters or a bad cursor are refused here, before anything is read. */
    public Query query(ServerFilter filter, String cursor, int limit) {
        Cursors after = Cursors.decode(cursor);
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> parameters = new ArrayList<>(8);
        parameters.add(null);
        if (filter.status() != null) {
            GuestStatus status;
            try {
                status = GuestStatus.valueOf(filter.status().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidInput.of("status", "One of " + Arrays.toString(GuestStatus.values()) + ".");
            }
            parameters.add(status.name());
            sql.append(" and g.status = $").append(parameters.size());
        }
        if (filter.region() != null) {
            parameters.add(filter.region().strip());
            sql.append(" and r.code = $").append(parameters.size());
        }
        if (filter.hostname() != null) {
            parameters.add("%" + filter.hostname().strip().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" and s.hostname like $").append(parameters.size()).append(" escape '\\'");
        }
        if (filter.externalRef() != null) {
            parameters.add(filter.externalRef());
            sql.append(" and e.ref = $").append(parameters.size()).append(" and e.kind = 'server'");
        }
        if (filter.account() != null) {
            parameters.add(filter.account());
            sql.append(" and s.tenant_id = $").append(parameters.size());
        }
        if (after != null) {
            parameters.add(after.at().atOffset(ZoneOffset.UTC));
            int at = parameters.size();
            parameters.add(after.id());
            sql.append(" and (s.created_at < $").append(at).append(" or (s.created_at = $").append(at)
                    .append(" and s.id > $").append(at + 1).append("))");
        }
        parameters.add(limit + 1);
        sql.append(" order by s.created_at desc, s.id limit $").append(parameters.size());
        return new Query(sql.toString(), parameters, limit);
    }

    /** One page of servers in scope as the API's JSON ({@link ApiViews.Page} of {@link ApiViews.ServerView}). */
    public Future<Buffer> page(UUID scopeTenant, Query query) {
        List<Object> parameters = new ArrayList<>(query.parameters());
        parameters.set(0, scopeTenant);
        return run(reads.pool().preparedQuery(query.sql()).execute(Tuple.from(parameters)), "listing servers")
                .map(rows -> page(rows, query.limit()));
    }

    /**
     * The page's JSON, as {@link ApiViews.Page} of {@link ApiViews.ServerView} reads in Jackson's writing: the rows'
     * own JSON between the page's brackets, and the cursor after the last item when there is more.
     */
    private static Buffer page(RowSet<Row> rows, int limit) {
        Buffer body = Buffer.buffer(64 + 560 * Math.min(rows.size(), limit));
        body.appendString("{\"items\":[");
        int items = 0;
        OffsetDateTime lastAt = null;
        UUID lastId = null;
        boolean more = false;
        for (Row row : rows) {
            if (items == limit) {
                more = true;
                break;
            }
            if (items++ > 0) {
                body.appendByte((byte) ',');
            }
            body.appendBuffer(row.getBuffer(0));
            lastAt = row.getOffsetDateTime(1);
            lastId = row.getUUID(2);
        }
        // A cursor is base64url: nothing in it needs escaping.
        body.appendString(more ? "],\"nextCursor\":\"" + Cursors.encode(lastAt.toInstant(), lastId) + "\"}"
                : "],\"nextCursor\":null}");
        return body;
    }

    /**
     * The statement's answer; a database that cannot be reached is a passing fault (503, try again), one that
     * refuses the statement is the panel's.
     */
    private static Future<RowSet<Row>> run(Future<RowSet<Row>> query, String what) {
        return query.recover(e -> Future.failedFuture(e instanceof PgException
                ? new IllegalStateException(what + " failed", e)
                : new Busy("The panel cannot reach its database right now; try again in a few seconds.")));
    }
}
