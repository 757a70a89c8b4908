package io.innkeeper.api;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.ForbiddenException;
import io.vertx.core.Future;
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
 * {@link ApiReadPool}, without a transaction or entities, and the JSON written straight into one buffer. It uses Vert.x futures, not Mutiny, so no context is captured and
 * restored around each step. The scope
 * is the caller's tenant and, for a reseller, its customers (as {@link io.innkeeper.tenancy.Scope} has it), found
 * by the same statement; its text depends only on the filters used, so the client keeps it prepared.
 */
@ApplicationScoped
public class ServerList {

    /** What a server list may be narrowed to; null fields do not narrow it. */
    public record ServerFilter(String status, String region, String hostname, String externalRef, UUID account) {
    }

    private static final String SELECT = "select s.id, s.hostname, g.status, s.tenant_id, r.id, r.code, p.id, "
            + "p.code, o.id, o.code, g.vcpus, g.memory_mib, g.disk_gib, s.created_at, e.ref from server s "
            + "join guest g on g.id = s.id join plan p on p.id = s.plan_id join os_template o on o.id = "
            + "s.template_id join region r on r.id = s.region_id "
            + "left join external_ref e on e.object_id = s.id ";

    /** The scope's own servers ($1 is the scope's tenant): read newest first off server_tenant, stopping early. */
    private static final String OWN = "where s.tenant_id = $1 and s.deleted_at is null";

    /** A reseller's customers' servers; for any other tenant the one-time check skips this part. */
    private static final String CUSTOMERS = "join tenant c on c.id = s.tenant_id where c.parent_id = $1 and exists "
            + "(select 1 from tenant own where own.id = $1 and own.kind = 'RESELLER') and s.deleted_at is null";

    /** The tenant's server-list version (V56); a tenant nothing was ever changed for has none yet, read as 0. */
    private static final String VERSION = "select version from server_list_version where tenant_id = $1";

    @Inject
    ApiReadPool reads;

    @Inject
    ServerPageCache pages;

    private final JsonFactory json;

    @Inject
    public ServerList(ObjectMapper mapper) {
        this.json = mapper.getFactory();
    }

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

    /**
     * A checked request for a page: the statement and its parameters but the scope's tenant ($1). The statement
     * reads the scope's own servers and, for a reseller, its customers' as two parts, each cut to the page.
     */
    public record Query(String sql, List<Object> parameters, int limit) {
    }

    /** The statement for a page; bad filters or a bad cursor are refused here, before anything is read. */
    public Query query(ServerFilter filter, String cursor, int limit) {
        Cursors after = Cursors.decode(cursor);
        StringBuilder sql = new StringBuilder();
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
            // The first half bounds the index range; the second breaks ties on the id.
            sql.append(" and s.created_at <= $").append(at).append(" and (s.created_at < $").append(at)
                    .append(" or s.id > $").append(at + 1).append(")");
        }
        parameters.add(limit + 1);
        // Each part is ordered and cut on its own, so a tenant's page reads about a page of rows, not the fleet;
        // the two parts are merged by the same order (column 14 is created_at).
        String filters = sql.toString();
        String page = " order by s.created_at desc, s.id limit $" + parameters.size();
        return new Query("(" + SELECT + OWN + filters + page + ") union all (" + SELECT + CUSTOMERS + filters + page
                + ") order by 14 desc, 1 limit $" + parameters.size(), parameters, limit);
    }

    /** A page's answer: its JSON (null when the client's {@code If-None-Match} names it) and its entity tag. */
    public record Written(byte[] body, String etag) {
    }

    /**
     * One page of servers in scope as the API's JSON ({@link ApiViews.Page} of {@link ApiViews.ServerView}): the
     * tenant's list version first, then the page this replica kept at that version or, failing that, the page read
     * anew (see {@link ServerPageCache} for why the version comes first).
     */
    public Future<Written> page(UUID scopeTenant, Query query, String ifNoneMatch) {
        List<Object> parameters = new ArrayList<>(query.parameters());
        parameters.set(0, scopeTenant);
        ServerPageCache.Key key = new ServerPageCache.Key(query.sql(), List.copyOf(parameters));
        return run(reads.pool().preparedQuery(VERSION).execute(Tuple.of(scopeTenant)), "reading the list's version")
                .compose(versions -> {
                    long version = versions.size() == 0 ? 0 : versions.iterator().next().getLong(0);
                    String etag = ServerPageCache.etag(key, version);
                    if (ServerPageCache.matches(ifNoneMatch, etag)) {
                        return Future.succeededFuture(new Written(null, etag));
                    }
                    return pages.page(key, version, () -> run(reads.pool().preparedQuery(query.sql())
                            .execute(Tuple.from(key.parameters())), "listing servers")
                            .map(rows -> write(page(rows, query.limit()))))
                            .map(body -> new Written(body, etag));
                });
    }

    private static ApiViews.Page<ApiViews.ServerView> page(RowSet<Row> rows, int limit) {
        List<ApiViews.ServerView> found = new ArrayList<>(Math.min(rows.size(), limit));
        boolean more = false;
        for (Row row : rows) {
            if (found.size() == limit) {
                more = true;
                break;
            }
            OffsetDateTime created = row.getOffsetDateTime(13);
            found.add(new ApiViews.ServerView(row.getUUID(0), row.getString(1), row.getString(2), row.getUUID(3),
                    new ApiViews.Ref(row.getUUID(4), row.getString(5)),
                    new ApiViews.Ref(row.getUUID(6), row.getString(7)),
                    new ApiViews.Ref(row.getUUID(8), row.getString(9)), row.getInteger(10), row.getInteger(11),
                    row.getInteger(12), row.getString(14), null, created.toInstant()));
        }
        ApiViews.ServerView last = more ? found.get(limit - 1) : null;
        return new ApiViews.Page<>(found, last == null ? null : Cursors.encode(last.createdAt(), last.id()));
    }

    /**
     * The page as JSON, field by field in the order Jackson writes the records (a test holds the two equal), into
     * one array: the answer leaves in a single write.
     */
    byte[] write(ApiViews.Page<ApiViews.ServerView> page) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512 * page.items().size() + 64);
                JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            for (ApiViews.ServerView s : page.items()) {
                g.writeStartObject();
                uuid(g, "id", s.id());
                g.writeStringField("hostname", s.hostname());
                g.writeStringField("status", s.status());
                uuid(g, "account", s.account());
                ref(g, "region", s.region());
                ref(g, "plan", s.plan());
                ref(g, "template", s.template());
                g.writeNumberField("vcpus", s.vcpus());
                g.writeNumberField("memoryMib", s.memoryMib());
                g.writeNumberField("diskGib", s.diskGib());
                g.writeStringField("externalRef", s.externalRef());
                g.writeFieldName("addresses");
                if (s.addresses() == null) {
                    g.writeNull();
                } else {
                    g.writeStartArray();
                    for (String address : s.addresses()) {
                        g.writeString(address);
                    }
                    g.writeEndArray();
                }
                g.writeStringField("createdAt", s.createdAt() == null ? null : s.createdAt().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("nextCursor", page.nextCursor());
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing a page of servers failed", e);
        }
    }

    private static void uuid(JsonGenerator g, String name, UUID id) throws IOException {
        g.writeStringField(name, id == null ? null : id.toString());
    }

    private static void ref(JsonGenerator g, String name, ApiViews.Ref ref) throws IOException {
        g.writeFieldName(name);
        if (ref == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        uuid(g, "id", ref.id());
        g.writeStringField("code", ref.code());
        g.writeEndObject();
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
