package io.innkeeper.orders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * What a server list is narrowed to, each null when not asked for: a state, a region and a plan (by code, so every
 * version of a plan), part of the hostname or of an address ({@code search}), an external ref, one account of the
 * scope and one node. {@link Cursor} marks where a page ends, for keyset paging. The portals and the API differ only
 * in which of these their forms offer.
 */
public record ServerFilter(GuestStatus status, String region, String plan, String search, String externalRef,
        UUID account, UUID node) {

    public static final ServerFilter NONE = new ServerFilter(null, null, null, null, null, null, null);

    public ServerFilter {
        region = blankToNull(region);
        plan = blankToNull(plan);
        search = search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
        externalRef = externalRef == null || externalRef.isEmpty() ? null : externalRef;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The last server of a page: the next page starts after it in the list's order (newest first, then by id in
     * PostgreSQL's order of uuids).
     */
    public record Cursor(Instant createdAt, UUID id) {

        public Cursor {
            // The database keeps microseconds; a cursor never claims more.
            createdAt = createdAt.minusNanos(createdAt.getNano() % 1_000);
        }

        /** As it rides in a URL or a JSON page: opaque, URL-safe text of epoch microseconds and the id. */
        public String token() {
            long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
            return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id)
                    .getBytes(StandardCharsets.US_ASCII));
        }

        /** The cursor of a token, or empty for a missing or mangled one; each list decides what that means. */
        public static Optional<Cursor> parse(String token) {
            if (token == null || token.isBlank()) {
                return Optional.empty();
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.US_ASCII);
                int colon = text.indexOf(':');
                long micros = Long.parseLong(text.substring(0, colon));
                return Optional.of(new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1_000L), UUID.fromString(text.substring(colon + 1))));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return token();
        }
    }

    /** One page of servers, and where the next one starts (empty on the last page). */
    public record Page(List<ServerRow> rows, Optional<Cursor> next) {
    }
}
