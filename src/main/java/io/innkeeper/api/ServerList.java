package io.innkeeper.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Future;

import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Text;
import io.innkeeper.orders.ListServers;
import io.innkeeper.orders.ServerFilter;
import io.innkeeper.orders.ServerListVersions;
import io.innkeeper.orders.ServerRow;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.LoginTenants;

/**
 * The API's busiest read, a page of servers, answered on the I/O thread: the server list's one statement
 * ({@link ListServers}) over its non-blocking pool, without a transaction or entities, and the JSON written straight
 * into one buffer. It uses Vert.x futures, not Mutiny, so no context is captured and restored around each step. The
 * scope is the caller's tenant and, for a reseller, its customers (as {@link io.innkeeper.tenancy.Scope} has it),
 * found by the same statement; its text depends only on the filters used, so the client keeps it prepared.
 */
@Singleton
public class ServerList {

    @Inject
    LoginTenants tenants;

    @Inject
    ServerListVersions versions;

    @Inject
    ListServers servers;

    @Inject
    ServerPageCache pages;

    private final JsonFactory json;

    @Inject
    public ServerList(ObjectMapper mapper) {
        this.json = mapper.getFactory();
    }

    /** The tenant whose scope the caller has: a token's own, or the account the signed-in login acts for. */
    public Future<UUID> scopeTenant(Caller caller) {
        return tenants.scopeTenant(caller);
    }

    /** A checked request for a page: the filter, where the page starts (null: the first page) and its size. */
    public record Query(ServerFilter filter, ServerFilter.Cursor after, int limit) {
    }

    /**
     * The request for a page from the API's query parameters; a bad status or cursor is refused here, before
     * anything is read.
     */
    public static Query query(String status, String region, String hostname, String externalRef, UUID account,
            String cursor, int limit) {
        GuestStatus state = null;
        if (status != null) {
            try {
                state = GuestStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidInput.of("status", "One of " + Arrays.toString(GuestStatus.values()) + ".");
            }
        }
        text("region", region);
        text("hostname", hostname);
        text("externalRef", externalRef);
        Cursors after = Cursors.decode(cursor);
        return new Query(new ServerFilter(state, region, null, hostname, externalRef, account, null),
                after == null ? null : new ServerFilter.Cursor(after.at(), after.id()), limit);
    }

    /** Text the one text rule refuses (a NUL, which PostgreSQL cannot hold, among others) names its field. */
    private static void text(String field, String value) {
        String refusal = Text.refusal(value, Integer.MAX_VALUE, false);
        if (refusal != null) {
            throw InvalidInput.of(field, refusal);
        }
    }

    /** A page's answer: its JSON (null when the client's {@code If-None-Match} names it) and its entity tag. */
    public record Written(byte[] body, String etag) {
    }

    /**
     * One page of servers in scope as the API's JSON ({@link ApiViews.Page} of {@link ApiViews.ServerView}): the
     * tenant's list version first, then the page this replica kept at that version or, failing that, the page read
     * anew (see {@link ServerPageCache} for why the version comes first). A search may match an address, which the
     * version does not follow, so a searched page is read anew each time and has no entity tag.
     */
    public Future<Written> page(UUID scopeTenant, Query query, String ifNoneMatch) {
        ListServers.Statement statement = ListServers.statement(ListServers.Scope.tenant(scopeTenant),
                ListServers.Projection.CODES, query.filter(), query.after(), query.limit());
        if (query.filter().search() != null) {
            return servers.read(statement).map(page -> new Written(write(view(page)), null));
        }
        ServerPageCache.Key key = new ServerPageCache.Key(statement.sql(), statement.parameters());
        return versions.version(scopeTenant)
                .compose(version -> {
                    String etag = ServerPageCache.etag(key, version);
                    if (ServerPageCache.matches(ifNoneMatch, etag)) {
                        return Future.succeededFuture(new Written(null, etag));
                    }
                    return pages.page(key, version, () -> servers.read(statement).map(page -> write(view(page))))
                            .map(body -> new Written(body, etag));
                });
    }

    private static ApiViews.Page<ApiViews.ServerView> view(ServerFilter.Page page) {
        List<ApiViews.ServerView> items = new ArrayList<>(page.rows().size());
        for (ServerRow s : page.rows()) {
            items.add(new ApiViews.ServerView(s.id(), s.hostname(), s.status().name(), s.account().id(),
                    new ApiViews.Ref(s.region().id(), s.region().code()),
                    new ApiViews.Ref(s.plan().id(), s.plan().code()),
                    new ApiViews.Ref(s.template().id(), s.template().code()), s.vcpus(), s.memoryMib(),
                    s.diskGib(), s.externalRef(), null, s.createdAt(), s.deletedAt()));
        }
        return new ApiViews.Page<>(items, page.next().map(ServerFilter.Cursor::token).orElse(null));
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
                g.writeStringField("deletedAt", s.deletedAt() == null ? null : s.deletedAt().toString());
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
}
