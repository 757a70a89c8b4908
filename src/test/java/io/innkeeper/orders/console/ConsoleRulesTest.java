package io.innkeeper.orders.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.innkeeper.orders.ServerActions.Standing;
import io.innkeeper.tenancy.MemberRole;

class ConsoleRulesTest {

    @Test
    void ownersAndMembersOfAnActiveAccountMayOpenTheConsole() {
        assertThat(ConsoleRules.refusal(false, MemberRole.OWNER, Standing.ACTIVE)).isEmpty();
        assertThat(ConsoleRules.refusal(false, MemberRole.MEMBER, Standing.ACTIVE)).isEmpty();
    }

    @Test
    void readOnlyMembersAndNoMembershipAreRefused() {
        assertThat(ConsoleRules.refusal(false, MemberRole.READ_ONLY, Standing.ACTIVE)).hasValue(ConsoleRules.READ_ONLY);
        assertThat(ConsoleRules.refusal(false, null, Standing.ACTIVE)).hasValue(ConsoleRules.READ_ONLY);
    }

    @Test
    void suspendedClosedOrResellerSuspendedAccountsAreRefused() {
        assertThat(ConsoleRules.refusal(false, MemberRole.OWNER, Standing.SUSPENDED)).get().asString()
                .contains("suspended");
        assertThat(ConsoleRules.refusal(false, MemberRole.OWNER, Standing.CLOSED)).get().asString()
                .contains("closed");
        assertThat(ConsoleRules.refusal(false, MemberRole.OWNER, Standing.RESELLER_SUSPENDED)).get().asString()
                .contains("reseller");
    }

    @Test
    void adminsMayOpenAnyConsole() {
        assertThat(ConsoleRules.refusal(true, null, Standing.SUSPENDED)).isEmpty();
    }

    /** Timeline: issued 12:00:00, expires 12:00:30; valid up to the last instant before, not at 12:00:30. */
    @Test
    void ticketIsValidUntilItsExpiry() {
        Instant expires = Instant.parse("2026-12-05T12:00:30Z");
        assertThat(ConsoleRules.ticketValid(expires, expires.minusMillis(1))).isTrue();
        assertThat(ConsoleRules.ticketValid(expires, expires)).isFalse();
    }

    /** Timeline: last key 12:00, limit 15 min; still open at 12:14:59, idle at 12:15. */
    @Test
    void consoleIsIdleOnceTheLimitHasPassedWithoutInput() {
        Instant last = Instant.parse("2026-12-05T12:00:00Z");
        Duration limit = Duration.ofMinutes(15);
        assertThat(ConsoleRules.idle(last, last.plus(limit).minusSeconds(1), limit)).isFalse();
        assertThat(ConsoleRules.idle(last, last.plus(limit), limit)).isTrue();
    }
}
