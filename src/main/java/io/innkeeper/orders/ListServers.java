package io.innkeeper.orders;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import io.innkeeper.kernel.Busy;
import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * The server list, the one query behind the tenant portal's, the admin portal's and the API's: one definition of
 * the scope, the filters ({@link ServerFilter}), the search's escaping, the order (newest first, ties by id in
 * PostgreSQL's order of uuids) and the keyset cursor, built as one statement with its parameters and read into
 * {@link ServerRow}s. The API runs the statement without blocking ({@link #read}, on the I/O thread, behind its page
 * cache); the portals run the same statement through the same pool and wait for it on their worker thread
 * ({@link #page}). A page never holds a transaction. Other modules' rows (tenants, guests, nodes, plans, templates,
 * regions, addresses, external refs) are read through the views those modules publish (V66); PostgreSQL folds
 * them into the statement, so its plan is that of the tables.
 */
@Singleton
public class ListServers {

    /** How long a portal waits for a page: as long as a JDBC connection's acquisition may take, and the read. */
    private static final long WAIT_SECONDS = 30;

    /** Whose servers a list shows. */
    public record Scope(UUID tenant) {

        /** The tenant's own servers and, when the tenant is a reseller, its customers'; found by the statement. */
        public static Scope tenant(UUID tenant) {
            return new Scope(java.util.Objects.requireNonNull(tenant));
        }

        /** Every tenant's servers: the platform admin's list. */
        public static Scope platform() {
            return new Scope(null);
        }
    }

    /**
     * A statement and its parameters ({@code $1}, {@code $2}, ...; for a tenant's scope the first is the tenant), and
     * the page size it reads one row past.
     */
    public record Statement(String sql, List<Object> parameters, int limit) {
    }

    /**
     * The columns a list reads. The portals show names (the tenant's, the region's, the plan's and its version, the
     * template's, the node's); the API shows ids and codes only, so its statement reads typed nulls in their place:
     * the same rows in the same order, a third fewer values to decode on the API's busiest read.
     */
    public enum Projection {
        NAMES("t.name", "r.name", "p.name", "p.version", "o.name", "n.id", "n.name"),
        CODES("null::text", "null::text", "null::text", "null::int", "null::text", "null::uuid", "null::text");

        private final String select;

        Projection(String tenant, String region, String plan, String version, String template, String node,
                String nodeName) {
            this.select = "select s.id, s.hostname, g.status, t.id, " + tenant + ", r.id, r.code, " + region + ", "
                    + "p.id, p.code, " + plan + ", " + version + ", o.id, o.code, " + template + ", " + node + ", "
                    + nodeName + ", g.vcpus, g.memory_mib, g.disk_gib, e.ref, s.created_at, s.deleted_at " + FROM;
        }
    }

    private static final String FROM = "from server s join tenancy_tenant t on t.id = s.tenant_id "
            + "join provisioning_guest g on g.id = s.id join provisioning_node n on n.id = g.node_id "
            + "join catalog_plan p on p.id = s.plan_id join provisioning_os_template o on o.id = s.template_id "
            + "join provisioning_region r on r.id = s.region_id "
            + "left join account_external_ref e on e.object_id = s.id ";

    /** Which column of a {@link Projection} the pages are ordered by, counted from 1 (created_at). */
    private static final int CREATED_AT = 22;

    /**
     * Which servers a list holds: those that exist, or (a filter on {@link GuestStatus#DELETED}) those deleted, with
     * when, for reconciliation.
     */
    private static String alive(boolean deleted) {
        return deleted ? "s.deleted_at is not null" : "s.deleted_at is null";
    }

    /** The scope's own servers: read newest first off server_tenant, stopping early. */
    private static String own(boolean deleted) {
        return "where s.tenant_id = $1 and " + alive(deleted);
    }

    /** A reseller's customers' servers; for any other tenant the one-time check skips this part. */
    private static String customers(boolean deleted) {
        return "where t.parent_id = $1 and exists (select 1 from tenancy_tenant own where own.id = $1 "
                + "and own.kind = 'RESELLER') and " + alive(deleted);
    }

    /** Every tenant's servers: read newest first off server_live_order. */
    private static String all(boolean deleted) {
        return "where " + alive(deleted);
    }

    /**
     * What the API's page of servers shows or is narrowed by, table by table: a change to any of these columns makes
     * a kept page stale, so the tenant's list version (V56: server_list_shown_server, _guest, _ref and _tenant, and
     * the code triggers of the catalog tables) moves with exactly these. RulesInSqlTest holds the two equal; a
     * column added to the page is added here, and a migration follows.
     */
    public static final Map<String, Set<String>> VERSIONED = Map.of(
            "server", Set.of("tenant_id", "hostname", "plan_id", "template_id", "region_id", "created_at",
                    "deleted_at"),
            "guest", Set.of("id", "status", "vcpus", "memory_mib", "disk_gib"),
            "external_ref", Set.of("object_id", "ref", "kind"),
            "tenant", Set.of("parent_id", "kind"),
            "plan", Set.of("code"),
            "os_template", Set.of("code"),
            "region", Set.of("code"));

    @Inject
    ReadPool reads;

    /**
     * The filters' conditions, in the order their parameters are numbered after the scope's; {@code %1$d} stands for
     * the parameter's number.
     */
    private enum Condition {
        STATUS(" and g.status = $%1$d", f -> f.status() == null ? null : f.status().name()),
        REGION(" and r.code = $%1$d", ServerFilter::region),
        PLAN(" and p.code = $%1$d", ServerFilter::plan),
        SEARCH(" and (s.hostname like $%1$d escape '\\' or exists (select 1 from provisioning_ip_address a"
                + " where a.guest_id = s.id and host(a.address) like $%1$d escape '\\'))",
                f -> f.search() == null || !couldBeInAnAddress(f.search()) ? null : contains(f.search())),
        /** A search no address can match (see {@link #couldBeInAnAddress}): the hostname alone is searched. */
        HOSTNAME_SEARCH(" and s.hostname like $%1$d escape '\\'",
                f -> f.search() == null || couldBeInAnAddress(f.search()) ? null : contains(f.search())),
        EXTERNAL_REF(" and e.ref = $%1$d and e.kind = 'server'", ServerFilter::externalRef),
        ACCOUNT(" and s.tenant_id = $%1$d", ServerFilter::account),
        NODE(" and g.node_id = $%1$d", ServerFilter::node);

        private final String sql;

        /** The filter's value for this condition, as sent; null when the filter does not use it. */
        private final Function<ServerFilter, Object> value;

        Condition(String sql, Function<ServerFilter, Object> value) {
            this.sql = sql;
            this.value = value;
        }
    }

    /**
     * What a statement's text depends on: whether the scope is a tenant's, which conditions the filter uses (a bit
     * per {@link Condition}), whether the page starts after a cursor, and the page size.
     */
    private record Shape(Projection projection, boolean tenant, int conditions, boolean after, int limit,
            boolean deleted) {
    }

    /** Page sizes up to this have their texts kept; every page size the panel and the API use is below it. */
    private static final int KEPT_LIMIT = 1000;

    /**
     * The statement texts made so far, one per {@link Shape}: a request then builds only its parameters, and the
     * same text (the same String, its hash computed once) goes to the pool's statement cache and the page's ETag.
     */
    private static final Map<Shape, String> TEXTS = new ConcurrentHashMap<>();

    /**
     * The statement for one page of the scope's servers that match the filter, starting after {@code after} (null:
     * the first page), {@code limit} long.
     */
    public static Statement statement(Scope scope, ServerFilter filter, ServerFilter.Cursor after, int limit) {
        return statement(scope, Projection.NAMES, filter, after, limit);
    }

    /** The statement for one page of the scope's servers that match the filter, reading {@code projection}. */
    public static Statement statement(Scope scope, Projection projection, ServerFilter filter,
            ServerFilter.Cursor after, int limit) {
        List<Object> parameters = new ArrayList<>(10);
        if (scope.tenant() != null) {
            parameters.add(scope.tenant());
        }
        int conditions = values(filter, parameters);
        if (after != null) {
            parameters.add(after.createdAt().atOffset(ZoneOffset.UTC));
            parameters.add(after.id());
        }
        Shape shape = new Shape(projection, scope.tenant() != null, conditions, after != null, limit,
                filter.status() == GuestStatus.DELETED);
        String sql = limit <= KEPT_LIMIT ? TEXTS.computeIfAbsent(shape, ListServers::text) : text(shape);
        return new Statement(sql, List.copyOf(parameters), limit);
    }

    /** The text of a page statement of this shape. */
    private static String text(Shape shape) {
        int first = shape.tenant() ? 2 : 1;
        StringBuilder where = new StringBuilder(conditions(shape.conditions(), first));
        if (shape.after()) {
            int at = first + Integer.bitCount(shape.conditions());
            // The first half bounds the index range; the second breaks ties on the id.
            where.append(" and s.created_at <= $").append(at).append(" and (s.created_at < $").append(at)
                    .append(" or s.id > $").append(at + 1).append(")");
        }
        // The page size is written into the text, not sent as a parameter: with the size unknown, PostgreSQL's
        // generic plan cannot assume a short page, so a statement whose only parameter is the size was planned anew
        // on every run (about 5 ms at 25,000 servers); with it in the text it is planned once per connection.
        String page = " order by s.created_at desc, s.id limit " + (shape.limit() + 1);
        if (!shape.tenant()) {
            return shape.projection().select + all(shape.deleted()) + where + page;
        }
        // Each part is ordered and cut on its own, so a tenant's page reads about a page of rows, not the fleet;
        // the two parts are merged by the same order.
        String select = shape.projection().select;
        return "(" + select + own(shape.deleted()) + where + page + ") union all (" + select
                + customers(shape.deleted()) + where + page
                + ") order by " + CREATED_AT + " desc, 1 limit " + (shape.limit() + 1);
    }

    /**
     * The statement that counts every tenant's servers that match the filter, stopping past {@code cap}; it joins
     * only the tables the filter names, so an unfiltered count stays cheap.
     */
    public static Statement countStatement(ServerFilter filter, int cap) {
        List<Object> parameters = new ArrayList<>(8);
        String where = conditions(values(filter, parameters), 1);
        String joins = (filter.status() != null || filter.node() != null
                ? " join provisioning_guest g on g.id = s.id" : "")
                + (filter.plan() != null ? " join catalog_plan p on p.id = s.plan_id" : "")
                + (filter.region() != null ? " join provisioning_region r on r.id = s.region_id" : "")
                + (filter.externalRef() != null ? " join account_external_ref e on e.object_id = s.id" : "");
        return new Statement("select count(*) from (select 1 from server s" + joins + " "
                + all(filter.status() == GuestStatus.DELETED) + where + " limit "
                + (cap + 1) + ") c", List.copyOf(parameters), cap);
    }

    /** Adds the values of the conditions the filter uses, in order; answers which it uses, a bit each. */
    private static int values(ServerFilter filter, List<Object> parameters) {
        int used = 0;
        for (Condition c : Condition.values()) {
            Object value = c.value.apply(filter);
            if (value != null) {
                parameters.add(value);
                used |= 1 << c.ordinal();
            }
        }
        return used;
    }

    /** The conditions used, their parameters numbered from {@code first}. */
    private static String conditions(int used, int first) {
        StringBuilder sql = new StringBuilder();
        int n = first;
        for (Condition c : Condition.values()) {
            if ((used & 1 << c.ordinal()) != 0) {
                sql.append(c.sql.formatted(n++));
            }
        }
        return sql.toString();
    }

    /**
     * Whether the text could be part of an address as PostgreSQL writes it ({@code host()}: digits, lower-case hex
     * letters, dots and colons). Any other text is searched in hostnames only, which spares the address lookup for
     * each of the scope's servers.
     */
    static boolean couldBeInAnAddress(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == '.' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    /** A LIKE pattern for text anywhere in the value: the text's own {@code \}, {@code %} and {@code _} are literal. */
    static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The page the statement reads, without blocking (the API's I/O thread). */
    public Future<ServerFilter.Page> read(Statement statement) {
        return reads.query(statement.sql(), Tuple.from(statement.parameters()), "listing servers")
                .map(rows -> page(rows, statement.limit()));
    }

    /** One page of the scope's servers, waited for on the caller's (worker) thread: the portals' lists. */
    public ServerFilter.Page page(Scope scope, ServerFilter filter, ServerFilter.Cursor after, int limit) {
        return await(read(statement(scope, filter, after, limit)));
    }

    /**
     * The addresses of the listed servers (a page's), each server's IPv4 first, as PostgreSQL writes them; a server
     * without one is missing from the map.
     */
    public Map<UUID, List<String>> addresses(List<UUID> servers) {
        if (servers.isEmpty()) {
            return Map.of();
        }
        return await(reads.query("select guest_id, host(address) from provisioning_ip_address "
                + "where guest_id = any($1) order by guest_id, family(address), address",
                Tuple.of(servers.toArray(UUID[]::new)), "listing addresses").map(rows -> {
                    Map<UUID, List<String>> found = new java.util.HashMap<>();
                    for (Row row : rows) {
                        found.computeIfAbsent(row.getUUID(0), id -> new ArrayList<>()).add(row.getString(1));
                    }
                    return found;
                }));
    }

    /** How many of every tenant's servers match the filter, counted up to one past {@code cap}. */
    public long count(ServerFilter filter, int cap) {
        Statement count = countStatement(filter, cap);
        return await(reads.query(count.sql(), Tuple.from(count.parameters()), "counting servers")
                .map(rows -> rows.iterator().next().getLong(0)));
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new Busy("The panel cannot reach its database right now; try again in a few seconds.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ServerFilter.Page page(RowSet<Row> rows, int limit) {
        List<ServerRow> found = new ArrayList<>(Math.min(rows.size(), limit));
        boolean more = false;
        for (Row row : rows) {
            if (found.size() == limit) {
                more = true;
                break;
            }
            found.add(row(row));
        }
        return new ServerFilter.Page(found, more ? Optional.of(found.get(limit - 1).cursor()) : Optional.empty());
    }

    /** A row as read; under {@link Projection#CODES} its names and version are null (0) and its node is null. */
    private static ServerRow row(Row row) {
        Integer version = row.getInteger(11);
        UUID node = row.getUUID(15);
        return new ServerRow(row.getUUID(0), row.getString(1), GuestStatus.valueOf(row.getString(2)),
                new ServerRow.Ref(row.getUUID(3), null, row.getString(4)),
                new ServerRow.Ref(row.getUUID(5), row.getString(6), row.getString(7)),
                new ServerRow.Ref(row.getUUID(8), row.getString(9), row.getString(10)), version == null ? 0 : version,
                new ServerRow.Ref(row.getUUID(12), row.getString(13), row.getString(14)),
                node == null ? null : new ServerRow.Ref(node, null, row.getString(16)), row.getInteger(17),
                row.getInteger(18),
                row.getInteger(19), row.getString(20), row.getOffsetDateTime(CREATED_AT - 1).toInstant(),
                row.getOffsetDateTime(CREATED_AT) == null ? null : row.getOffsetDateTime(CREATED_AT).toInstant());
    }
}
