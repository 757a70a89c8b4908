package io.innkeeper.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.tenancy.AccountChoice.Asked;
import io.innkeeper.tenancy.AccountChoice.Candidate;

/** Which account a login in several acts for: only ever one of its own. */
class AccountChoiceTest {

    static final UUID OLD = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final UUID NEW = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID FOREIGN = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    // The newer membership is listed first and has the smaller id: the oldest wins by when it was joined.
    static final List<Candidate> BOTH = List.of(new Candidate(NEW, Instant.parse("2026-02-01T00:00:00Z")),
            new Candidate(OLD, Instant.parse("2026-01-01T00:00:00Z")));

    @Test
    void actsForTheOldestMembershipWhenNothingIsAsked() {
        assertThat(AccountChoice.choose(BOTH, Asked.NOTHING)).contains(OLD);
    }

    @Test
    void aLoginInNoAccountActsForNone() {
        assertThat(AccountChoice.choose(List.of(), new Asked(null, OLD.toString()))).isEmpty();
    }

    @Test
    void followsTheCookieToAnAccountTheLoginIsIn() {
        assertThat(AccountChoice.choose(BOTH, new Asked(null, NEW.toString()))).contains(NEW);
    }

    @Test
    void ignoresACookieNamingAnotherAccountOrNoAccount() {
        assertThat(AccountChoice.choose(BOTH, new Asked(null, FOREIGN.toString()))).contains(OLD);
        assertThat(AccountChoice.choose(BOTH, new Asked(null, "not-an-id"))).contains(OLD);
        assertThat(AccountChoice.choose(BOTH, new Asked(null, ""))).contains(OLD);
    }

    @Test
    void followsTheHeaderBeforeTheCookie() {
        assertThat(AccountChoice.choose(BOTH, new Asked(" " + NEW + " ", OLD.toString()))).contains(NEW);
    }

    @Test
    void refusesAHeaderNamingAnAccountTheLoginIsNotIn() {
        assertThatThrownBy(() -> AccountChoice.choose(BOTH, new Asked(FOREIGN.toString(), NEW.toString())))
                .isInstanceOfSatisfying(AccountChoice.Refused.class,
                        e -> assertThat(e.field()).isEqualTo(AccountChoice.HEADER));
    }

    @Test
    void refusesAHeaderThatIsNoAccountIdNamingTheHeader() {
        assertThatThrownBy(() -> AccountChoice.choose(BOTH, new Asked("1-1-1-1-1", null)))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.errors().asMap()).containsKey(AccountChoice.HEADER));
    }

    @Test
    void aBlankHeaderAsksForNothing() {
        assertThat(AccountChoice.choose(BOTH, new Asked("  ", null))).contains(OLD);
    }
}
