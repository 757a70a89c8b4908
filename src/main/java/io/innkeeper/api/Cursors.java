package io.innkeeper.api;

import java.time.Instant;
import java.util.UUID;

import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.orders.ServerFilter;

/**
 * Opaque page cursors: the sort key (time, id) of the last item of a page, so the next page starts after it even
 * while items are added or removed. Written as the server list's cursors are ({@link ServerFilter.Cursor}), so the
 * API gives out one kind.
 */
record Cursors(Instant at, UUID id) {

    static String encode(Instant at, UUID id) {
        return new ServerFilter.Cursor(at, id).token();
    }

    static Cursors decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        return ServerFilter.Cursor.parse(cursor).map(c -> new Cursors(c.createdAt(), c.id())).orElseThrow(() ->
                InvalidInput.of("cursor", "Not a cursor this API gave out; pass nextCursor from the previous page."));
    }

    /** The page size asked for: 1 to 100, 50 when not given. */
    static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidInput.of("limit", "A page has 1 to 100 items.");
    }

    /** An id from the path: one that is not a UUID names nothing there, so it is a 404 for {@code what}. */
    static UUID pathId(String raw, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new io.innkeeper.kernel.NotFound(what);
        }
    }

    /** An id in a query parameter, or a field error naming it. */
    static UUID uuid(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of(field, "Expected an id (UUID).");
        }
    }
}
