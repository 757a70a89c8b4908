package io.innkeeper.portal.admin.servers;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * What the all-servers list is filtered by, and where the page starts: {@code after} is the last row of the
 * previous page (its creation time and id), so each page is one index range however deep it is.
 */
public record ServerFilter(UUID node, UUID tenant, GuestStatus state, String plan, Cursor after) {

    /** A position in the list's order (newest first, then by id). */
    public record Cursor(Instant createdAt, UUID id) {
        @Override
        public String toString() {
            return createdAt + "~" + id;
        }
    }

    /** Parses the query parameters as typed; an empty value means no filter. */
    public static ServerFilter parse(String node, String tenant, String state, String plan, String after) {
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
        Cursor c = null;
        if (!blank(after)) {
            String[] parts = after.strip().split("~", 2);
            try {
                c = new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (DateTimeParseException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                errors.add("after", "This page link is damaged; start again from the first page.");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new ServerFilter(n, t, s, p, c);
    }

    public static ServerFilter none() {
        return new ServerFilter(null, null, null, null, null);
    }

    /** The same filter starting after {@code cursor}. */
    public ServerFilter after(Cursor cursor) {
        return new ServerFilter(node, tenant, state, plan, cursor);
    }

    /** The filter as query parameters, without the page position. */
    public String query() {
        StringBuilder q = new StringBuilder();
        append(q, "node", node);
        append(q, "tenant", tenant);
        append(q, "state", state == null ? null : state.name());
        append(q, "plan", plan);
        return q.toString();
    }

    private static void append(StringBuilder q, String name, Object value) {
        if (value != null) {
            q.append(q.isEmpty() ? "" : "&").append(name).append('=').append(value);
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
