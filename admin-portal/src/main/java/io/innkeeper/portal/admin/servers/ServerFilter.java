package io.innkeeper.portal.admin.servers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Text;
import io.innkeeper.orders.ServerFilter.Cursor;
import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * What the all-servers form filters by, and where the page starts: {@code after} is the last row of the previous
 * page, so each page is one index range however deep it is. The list itself is the server list's
 * ({@link io.innkeeper.orders.ListServers}); this is only the form.
 */
public record ServerFilter(UUID node, UUID tenant, GuestStatus state, String plan, String q, Cursor after) {

    public ServerFilter {
        q = q == null || q.isBlank() ? null : q.strip();
    }

    public ServerFilter(UUID node, UUID tenant, GuestStatus state, String plan, Cursor after) {
        this(node, tenant, state, plan, null, after);
    }

    /** Parses the query parameters as typed; an empty value means no filter. */
    public static ServerFilter parse(String node, String tenant, String state, String plan, String q, String after) {
        FieldErrors errors = new FieldErrors();
        UUID n = uuid(node, "node", "Choose a node from the list.", errors);
        UUID t = uuid(tenant, "tenant", "Choose a tenant from the list.", errors);
        GuestStatus s = null;
        if (!blank(state)) {
            s = Arrays.stream(GuestStatus.values()).filter(v -> v.name().equalsIgnoreCase(state.strip())).findFirst()
                    .orElse(null);
            if (s == null) {
                errors.add("state", "Choose a state from the list.");
            }
        }
        String p = blank(plan) ? null : plan.strip();
        if (p != null && !p.matches("[A-Za-z0-9._-]{1,64}")) {
            errors.add("plan", "Choose a plan from the list.");
        }
        if (Text.refusal(q, 253, false) != null) {
            errors.add("q", "Type part of a hostname or an address: at most 253 characters.");
        }
        Cursor c = null;
        if (!blank(after)) {
            c = Cursor.parse(after).orElse(null);
            if (c == null) {
                errors.add("after", "This page link is damaged; start again from the first page.");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new ServerFilter(n, t, s, p, q, c);
    }

    public static ServerFilter none() {
        return new ServerFilter(null, null, null, null, null, null);
    }

    /** The same filter starting after {@code cursor}. */
    public ServerFilter after(Cursor cursor) {
        return new ServerFilter(node, tenant, state, plan, q, cursor);
    }

    /** What the server list is narrowed to: a tenant is one account of the platform's list. */
    io.innkeeper.orders.ServerFilter filter() {
        return new io.innkeeper.orders.ServerFilter(state, null, plan, q, null, tenant, node);
    }

    /** The filter as query parameters, without the page position. */
    public String query() {
        StringBuilder query = new StringBuilder();
        append(query, "node", node);
        append(query, "tenant", tenant);
        append(query, "state", state == null ? null : state.name());
        append(query, "plan", plan);
        append(query, "q", q);
        return query.toString();
    }

    private static void append(StringBuilder query, String name, Object value) {
        if (value != null) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }

    private static UUID uuid(String raw, String field, String message, FieldErrors errors) {
        if (blank(raw)) {
            return null;
        }
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            errors.add(field, message);
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
