package io.innkeeper.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.innkeeper.kernel.InvalidInput;

/**
 * Opaque page cursors: the sort key (time, id) of the last item of a page, so the next page starts after it even
 * while items are added or removed.
 */
record Cursors(Instant at, UUID id) {

    static String encode(Instant at, UUID id) {
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id)
                .getBytes(StandardCharsets.US_ASCII));
    }

    static Cursors decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            long micros = Long.parseLong(text.substring(0, colon));
            return new Cursors(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1000), UUID.fromString(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw InvalidInput.of("cursor", "Not a cursor this API gave out; pass nextCursor from the previous page.");
        }
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
