package io.innkeeper.tenancy;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

import io.innkeeper.kernel.InvalidInput;

/**
 * Which of its accounts a signed-in login acts for, when it belongs to several (a person who works for two
 * customers). The one rule for the pages ({@link Caller}) and the API's non-blocking reads ({@link LoginTenants}):
 * <ol>
 * <li>an API client names the account in the {@value #HEADER} header; an account the login is not a member of, or
 * a value that is no account id, is refused, never replaced by another;</li>
 * <li>else the account the person last chose in the portal (the {@value #COOKIE} cookie), if the login is still a
 * member of it; a cookie naming any other account is ignored;</li>
 * <li>else the login's oldest membership.</li>
 * </ol>
 * Whatever is asked, the answer is always one of the login's own memberships.
 */
public final class AccountChoice {

    /** The request header an API client with a Keycloak access token names its account in. */
    public static final String HEADER = "Innkeeper-Account";

    /** The cookie the portal's account switcher keeps the chosen account in. */
    public static final String COOKIE = "innkeeper-account";

    /** One of the login's memberships: the tenant and when the login joined it. */
    public record Candidate(UUID tenantId, Instant joinedAt) {
    }

    /** What the request asks for: the header's and the cookie's raw values, each null when absent. */
    public record Asked(String header, String cookie) {

        public static final Asked NOTHING = new Asked(null, null);
    }

    /** The header named an account the login is not a member of: 403, naming the header. */
    public static class Refused extends RuntimeException {

        public Refused() {
            super("This login is not a member of the account the " + HEADER + " header names.");
        }

        public String field() {
            return HEADER;
        }
    }

    /** The oldest first, then by tenant id, so that two memberships made in the same instant still have an order. */
    private static final Comparator<Candidate> OLDEST_FIRST = Comparator.comparing(Candidate::joinedAt)
            .thenComparing(Candidate::tenantId);

    private AccountChoice() {
    }

    /**
     * The tenant the login acts for among its memberships; empty when it has none.
     *
     * @throws InvalidInput when the header holds no account id
     * @throws Refused when the header names an account that is not among the memberships
     */
    public static Optional<UUID> choose(Collection<Candidate> memberships, Asked asked) {
        if (asked.header() != null && !asked.header().isBlank()) {
            UUID named = id(asked.header()).orElseThrow(() -> InvalidInput.of(HEADER,
                    "Name the account by its id (a UUID), as GET /api/v1/account answers it."));
            if (memberships.isEmpty()) {
                return Optional.empty();
            }
            if (!has(memberships, named)) {
                throw new Refused();
            }
            return Optional.of(named);
        }
        Optional<UUID> remembered = asked.cookie() == null ? Optional.empty() : id(asked.cookie());
        if (remembered.isPresent() && has(memberships, remembered.get())) {
            return remembered;
        }
        return memberships.stream().min(OLDEST_FIRST).map(Candidate::tenantId);
    }

    private static boolean has(Collection<Candidate> memberships, UUID tenant) {
        return memberships.stream().anyMatch(c -> c.tenantId().equals(tenant));
    }

    private static Optional<UUID> id(String raw) {
        String text = raw.strip();
        if (text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
