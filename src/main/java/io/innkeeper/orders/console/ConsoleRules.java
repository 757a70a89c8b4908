package io.innkeeper.orders.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.innkeeper.orders.ServerActions.Standing;
import io.innkeeper.tenancy.MemberRole;

/**
 * Who may open a server's console, decided once: the server page offers the console exactly when this allows, and
 * {@link ConsoleTickets} refuses a ticket with the same words. A console is root on the server, so a read-only
 * member gets none; a suspended or closed account gets none either (nor one whose reseller is suspended). Admins
 * may open any console.
 */
public final class ConsoleRules {

    static final String READ_ONLY = "Your role in this account is read-only, and the console gives full control of "
            + "the server, so it is not open to you. Ask an owner of the account to make you a member.";

    private ConsoleRules() {
    }

    /** Why the console is refused to this person; empty when it may open. */
    public static Optional<String> refusal(boolean admin, MemberRole role, Standing standing) {
        if (admin) {
            return Optional.empty();
        }
        if (role == null || !role.canChange()) {
            return Optional.of(READ_ONLY);
        }
        return switch (standing) {
            case ACTIVE -> Optional.empty();
            case RESELLER_SUSPENDED -> Optional.of("Your reseller's account is suspended, so the console is closed. "
                    + "Contact your reseller.");
            case SUSPENDED, CLOSED -> Optional.of("This account is " + standing.name().toLowerCase(java.util.Locale.ROOT)
                    + ", so the console is closed. Settle the account or contact support to restore it.");
        };
    }

    /** Whether a ticket issued until {@code expiresAt} may still be used at {@code now}. */
    public static boolean ticketValid(Instant expiresAt, Instant now) {
        return now.isBefore(expiresAt);
    }

    /** Whether a console whose last input was at {@code lastInput} has been idle too long at {@code now}. */
    public static boolean idle(Instant lastInput, Instant now, Duration limit) {
        return !now.isBefore(lastInput.plus(limit));
    }
}
