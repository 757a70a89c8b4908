package io.innkeeper.portal.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import io.innkeeper.billing.ledger.Overdue;
import io.innkeeper.kernel.Money;

/** The overdue banner's words: the amount, and the day of suspension in the account's zone (today if it is past). */
class OverdueNoticeTest {

    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void namesTheDayOfSuspensionInTheAccountsZone() {
        Overdue.Standing standing = new Overdue.Standing(Money.of("1234.50", "EUR"),
                Instant.parse("2026-12-18T23:30:00Z"), Instant.parse("2027-01-18T23:30:00Z"), "Pacific/Auckland");
        AccountNotice.Overdue notice = AccountNotice.of(standing, ZoneId.of("Pacific/Auckland"), NOW);
        assertThat(notice.amount()).isEqualTo("EUR 1234.50");
        assertThat(notice.suspendOn()).isEqualTo("19 December 2026");
    }

    @Test
    void aSuspensionAlreadyDueIsToday() {
        Overdue.Standing standing = new Overdue.Standing(Money.of("2.40", "EUR"), Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-12-31T00:00:00Z"), "UTC");
        assertThat(AccountNotice.of(standing, ZoneId.of("UTC"), NOW).suspendOn()).isEqualTo("5 December 2026");
    }
}
