package io.innkeeper.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;

/**
 * What the audit log is searched by: who (login), what (an action or its prefix, e.g. {@code tenant.}), which
 * tenant, and a time range in UTC. {@code to} is the exclusive end: a date typed as the end means to the end of that
 * day. {@code after} is the last entry of the previous page.
 */
public record AuditSearch(String actor, String action, UUID tenant, Instant from, Instant to, Cursor after) {

    /** A position in the log's order (newest first, then by id). */
    public record Cursor(Instant at, UUID id) {
        @Override
        public String toString() {
            return at + "~" + id;
        }
    }

    public static AuditSearch parse(String actor, String action, String tenant, String from, String to,
            String after) {
        FieldErrors e = new FieldErrors();
        String who = strip(actor);
        if (who.length() > 200) {
            e.add("actor", "A login has at most 200 characters.");
        }
        String what = strip(action);
        if (!what.isEmpty() && !what.matches("[A-Za-z0-9._-]{1,100}")) {
            e.add("action", "An action looks like tenant.suspend or server.force.start; a prefix such as tenant. "
                    + "finds them all.");
        }
        UUID t = null;
        if (!strip(tenant).isEmpty()) {
            try {
                t = UUID.fromString(strip(tenant));
            } catch (IllegalArgumentException ex) {
                e.add("tenant", "Give the tenant's id, as shown on its page.");
            }
        }
        Instant start = time(from, false, "from", e);
        Instant end = time(to, true, "to", e);
        if (start != null && end != null && !end.isAfter(start)) {
            e.add("to", "The end of the range must come after its start.");
        }
        Cursor c = null;
        if (!strip(after).isEmpty()) {
            String[] parts = strip(after).split("~", 2);
            try {
                c = new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (DateTimeParseException | IllegalArgumentException | ArrayIndexOutOfBoundsException ex) {
                e.add("after", "This page link is damaged; start again from the first page.");
            }
        }
        if (!e.isEmpty()) {
            throw new InvalidInput(e);
        }
        return new AuditSearch(who.isEmpty() ? null : who, what.isEmpty() ? null : what, t, start, end, c);
    }

    public static AuditSearch none() {
        return new AuditSearch(null, null, null, null, null, null);
    }

    /** A date (yyyy-mm-dd), a minute (yyyy-mm-ddThh:mm) in UTC, or an exact instant as page links carry it. */
    static Instant time(String raw, boolean endOfRange, String field, FieldErrors e) {
        String s = strip(raw);
        if (s.isEmpty()) {
            return null;
        }
        try {
            if (s.endsWith("Z")) {
                return Instant.parse(s);
            }
            if (s.length() == 10) {
                LocalDate day = LocalDate.parse(s);
                return (endOfRange ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            LocalDateTime minute = LocalDateTime.parse(s);
            return (endOfRange ? minute.plusMinutes(1) : minute).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ex) {
            e.add(field, "Give a date as 2026-03-31 or a time as 2026-03-31T14:05 (UTC).");
            return null;
        }
    }

    /** The search as query parameters, without the page position. */
    public String query() {
        StringBuilder q = new StringBuilder();
        add(q, "actor", actor);
        add(q, "action", action);
        add(q, "tenant", tenant);
        add(q, "from", from);
        add(q, "to", to);
        return q.toString();
    }

    private static void add(StringBuilder q, String name, Object value) {
        if (value != null) {
            q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                    .append(java.net.URLEncoder.encode(value.toString(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
