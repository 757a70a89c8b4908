package io.innkeeper.orders;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * What a server list is narrowed to: part of the hostname, a state, a region, a plan and (for a reseller) one
 * customer; each null when not asked for. {@link Cursor} marks where a page ends, for keyset paging.
 */
public record ServerFilter(String text, GuestStatus status, UUID region, UUID plan, UUID tenant) {

    public static final ServerFilter NONE = new ServerFilter(null, null, null, null, null);

    public ServerFilter {
        text = text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    /** The last server of a page: the next page starts after it in (newest first, then id) order. */
    public record Cursor(Instant createdAt, UUID id) {

        /** As it rides in a URL: epoch microseconds, a dot, the id. */
        public String token() {
            long micros = createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1_000;
            return micros + "." + id;
        }

        /** The cursor of a token, or empty for a missing or mangled one (which shows the first page). */
        public static Optional<Cursor> parse(String token) {
            if (token == null || token.isBlank()) {
                return Optional.empty();
            }
            int dot = token.indexOf('.');
            try {
                long micros = Long.parseLong(token.substring(0, dot));
                Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                        Math.floorMod(micros, 1_000_000) * 1_000L);
                return Optional.of(new Cursor(at, UUID.fromString(token.substring(dot + 1))));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** One page of servers, and where the next one starts (empty on the last page). */
    public record Page(java.util.List<Server> servers, Optional<Cursor> next) {
    }
}
