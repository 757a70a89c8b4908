package io.innkeeper.billing.rating;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.billing.rating.ServerLife.PlanPeriod;
import io.innkeeper.kernel.Money;

/** Rating scenarios, each with its timeline. Plans: S-1 EUR 0.0100/h, cap EUR 5.00, 1000 GB; S-2 twice that. */
class RatingScenariosTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final PlanPrice S1 = new PlanPrice(UUID.randomUUID(), "S-1", Money.of("0.0100", "EUR"),
            Money.of("5.00", "EUR"), 1000);
    static final PlanPrice S2 = new PlanPrice(UUID.randomUUID(), "S-2", Money.of("0.0200", "EUR"),
            Money.of("10.00", "EUR"), 2000);
    static final Prices PRICES = new Prices(Money.of("0.01", "EUR"), Money.of("0.05", "EUR"));
    static final BillingMonth JANUARY_UTC = new BillingMonth(YearMonth.of(2026, 1), ZoneOffset.UTC);

    static ServerLife server(String created, String deleted, PlanPeriod... plans) {
        return new ServerLife(UUID.randomUUID(), "web.example.com", Instant.parse(created),
                deleted == null ? null : Instant.parse(deleted), List.of(plans));
    }

    static ServerLife onS1(String created, String deleted) {
        return server(created, deleted, new PlanPeriod(S1, Instant.parse(created)));
    }

    static Draft bill(BillingMonth month, long txBytes, ServerLife... servers) {
        return Rating.rate(month, month.end(), EUR, List.of(servers), txBytes, List.of(), PRICES);
    }

    static Line serverLine(Draft draft) {
        return draft.lines().stream().filter(l -> l.kind() == LineKind.SERVER).findFirst().orElseThrow();
    }

    @Test
    void serverCreatedMidMonthPaysItsStartedHours() {
        // 2026-01-15 10:20Z  created on S-1
        // 2026-01-31 23:20Z  hour 397 starts, still in January
        // 2026-02-01 00:00Z  month ends: 16 d 13 h 40 min = 398 started hours
        Draft draft = bill(JANUARY_UTC, 0, onS1("2026-01-15T10:20:00Z", null));
        assertThat(serverLine(draft).quantity()).isEqualByComparingTo("398");
        assertThat(draft.total()).isEqualTo(Money.of("3.98", "EUR"));
    }

    @Test
    void serverDeletedMidMonthPaysUpToTheHourItWasDeletedIn() {
        // 2025-12-20 00:00Z  created on S-1
        // 2026-01-01 00:00Z  January begins
        // 2026-01-10 05:30Z  deleted, half way through its 222nd January hour
        Draft draft = bill(JANUARY_UTC, 0, onS1("2025-12-20T00:00:00Z", "2026-01-10T05:30:00Z"));
        assertThat(serverLine(draft).quantity()).isEqualByComparingTo("222");
        assertThat(draft.total()).isEqualTo(Money.of("2.22", "EUR"));
        assertThat(serverLine(draft).usageTo()).isEqualTo(Instant.parse("2026-01-10T06:00:00Z"));
    }

    @Test
    void serverRunningAllMonthIsCappedAtTheMonthlyPrice() {
        // 2025-12-01 00:00Z  created on S-1
        // 2026-01-21 20:00Z  500 January hours = EUR 5.00, the cap: from here on January costs nothing more
        // 2026-02-01 00:00Z  744 hours, EUR 7.44 by the hour, billed EUR 5.00
        Draft capped = bill(JANUARY_UTC, 0, onS1("2025-12-01T00:00:00Z", null));
        assertThat(serverLine(capped).quantity()).isEqualByComparingTo("744");
        assertThat(capped.total()).isEqualTo(Money.of("5.00", "EUR"));
        assertThat(serverLine(capped).description()).contains("capped");
        // Exactly at the cap (500 h) is not capped; one hour more is.
        assertThat(bill(JANUARY_UTC, 0, onS1("2026-01-01T00:00:00Z", "2026-01-21T20:00:00Z")).lines().get(0)
                .description()).doesNotContain("capped");
        assertThat(bill(JANUARY_UTC, 0, onS1("2026-01-01T00:00:00Z", "2026-01-21T20:00:01Z")).total())
                .isEqualTo(Money.of("5.00", "EUR"));
    }

    @Test
    void stoppedServerIsBilledLikeARunningOne() {
        // 2026-01-01 00:00Z  created on S-1, runs
        // 2026-01-05 00:00Z  stopped by the customer; not deleted
        // 2026-01-08 12:00Z  deleted: 180 hours, whatever the power state
        Draft draft = bill(JANUARY_UTC, 0, onS1("2026-01-01T00:00:00Z", "2026-01-08T12:00:00Z"));
        assertThat(serverLine(draft).quantity()).isEqualByComparingTo("180");
        assertThat(draft.total()).isEqualTo(Money.of("1.80", "EUR"));
    }

    @Test
    void planChangeSplitsTheMonthAtTheHourOfTheChange() {
        // 2025-12-01 00:00Z  created on S-1 (hours start on the hour)
        // 2026-01-11 09:00Z  hour starts on S-1: 250 January hours on S-1
        // 2026-01-11 09:15Z  resized to S-2
        // 2026-01-11 10:00Z  first hour on S-2; 494 hours to the month's end
        ServerLife server = server("2025-12-01T00:00:00Z", null, new PlanPeriod(S1, Instant.parse("2025-12-01T00:00:00Z")),
                new PlanPeriod(S2, Instant.parse("2026-01-11T09:15:00Z")));
        Draft draft = bill(JANUARY_UTC, 0, server);
        List<Line> lines = draft.lines().stream().filter(l -> l.kind() == LineKind.SERVER).toList();
        assertThat(lines).extracting(Line::planId).containsExactly(S1.planId(), S2.planId());
        assertThat(lines).extracting(l -> l.quantity().intValue()).containsExactly(250, 494);
        assertThat(lines).extracting(Line::amount).containsExactly(Money.of("2.50", "EUR"), Money.of("9.88", "EUR"));
        assertThat(draft.total()).isEqualTo(Money.of("12.38", "EUR"));
        // The pool grows with each plan's share of the month: 1000 GB x 250/744 + 2000 GB x 494/744.
        assertThat(draft.poolBytes().setScale(0, java.math.RoundingMode.FLOOR))
                .isEqualByComparingTo("1663978494623");
    }

    @Test
    void aServerBackOnItsFirstPlanHasOneLinePerPlanSpanningBothStays() {
        // S-1 for the hours starting 2026-01-01 00:00 to 01-11 09:00 (250), S-2 from 10:00 to 01-21 00:00 (231),
        // S-1 again from 01-21 01:00 to the month's end (263): one S-1 line of 513 hours, in order of first use.
        ServerLife server = server("2026-01-01T00:00:00Z", null,
                new PlanPeriod(S1, Instant.parse("2026-01-01T00:00:00Z")),
                new PlanPeriod(S2, Instant.parse("2026-01-11T09:15:00Z")),
                new PlanPeriod(S1, Instant.parse("2026-01-21T00:30:00Z")));
        List<Line> lines = bill(JANUARY_UTC, 0, server).lines().stream().filter(l -> l.kind() == LineKind.SERVER)
                .toList();
        assertThat(lines).extracting(Line::planId).containsExactly(S1.planId(), S2.planId());
        assertThat(lines).extracting(l -> l.quantity().intValue()).containsExactly(513, 231);
        assertThat(lines).extracting(Line::usageFrom).containsExactly(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-11T10:00:00Z"));
        assertThat(lines).extracting(Line::usageTo).containsExactly(Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-01-21T01:00:00Z"));
    }

    @Test
    void monthWithDaylightSavingChangeHasItsRealNumberOfHours() {
        // Europe/Berlin, March 2026: begins 2026-02-28 23:00Z, clocks spring forward on 29 March, ends
        // 2026-03-31 22:00Z: 743 hours. October 2026 falls back: 745 hours.
        // A server alive all month on a plan of EUR 0.005/h: 743 x 0.005 = 3.715, rounded half-even to 3.72.
        PlanPrice cheap = new PlanPrice(UUID.randomUUID(), "XS", Money.of("0.005", "EUR"), Money.of("5.00", "EUR"),
                100);
        BillingMonth march = new BillingMonth(YearMonth.of(2026, 3), ZoneId.of("Europe/Berlin"));
        ServerLife s = server("2026-02-01T00:00:00Z", null, new PlanPeriod(cheap, Instant.parse("2026-02-01T00:00:00Z")));
        Draft draft = bill(march, 0, s);
        assertThat(march.hours()).isEqualByComparingTo("743");
        assertThat(serverLine(draft).quantity()).isEqualByComparingTo("743");
        assertThat(draft.total()).isEqualTo(Money.of("3.72", "EUR"));
        BillingMonth october = new BillingMonth(YearMonth.of(2026, 10), ZoneId.of("Europe/Berlin"));
        assertThat(serverLine(bill(october, 0, s)).quantity()).isEqualByComparingTo("745");
        // The whole-month server gets the whole pool, DST or not.
        assertThat(draft.poolBytes()).isEqualByComparingTo("100000000000");
    }

    @Test
    void monthBoundaryFarFromUtcFollowsTheTenantsZone() {
        // Pacific/Kiritimati is UTC+14: its February begins 2026-01-31 10:00Z.
        // 2026-01-31 09:30Z  created (23:30 on 31 January there): its first hour starts in January
        // 2026-01-31 10:30Z  second hour starts: February there (still January in UTC)
        // 2026-02-01 09:30Z  deleted after 24 hours: 1 in January, 23 in February; in UTC it would be 15 and 9
        ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");
        ServerLife s = onS1("2026-01-31T09:30:00Z", "2026-02-01T09:30:00Z");
        long jan = serverLine(bill(new BillingMonth(YearMonth.of(2026, 1), kiritimati), 0, s)).quantity().longValue();
        long feb = serverLine(bill(new BillingMonth(YearMonth.of(2026, 2), kiritimati), 0, s)).quantity().longValue();
        assertThat(jan).isEqualTo(1);
        assertThat(feb).isEqualTo(23);
        assertThat(serverLine(bill(JANUARY_UTC, 0, s)).quantity()).isEqualByComparingTo("15");
        // Asia/Kathmandu is UTC+5:45, so its months do not begin on a UTC hour; still no hour is billed twice.
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
        ServerLife k = onS1("2026-01-31T17:50:00Z", "2026-02-01T01:10:00Z");
        long kJan = ServerHours.inMonth(k, new BillingMonth(YearMonth.of(2026, 1), kathmandu), Instant.MAX).stream()
                .mapToLong(ServerHours.PlanHours::hours).sum();
        long kFeb = ServerHours.inMonth(k, new BillingMonth(YearMonth.of(2026, 2), kathmandu), Instant.MAX).stream()
                .mapToLong(ServerHours.PlanHours::hours).sum();
        assertThat(kJan + kFeb).isEqualTo(8);
        assertThat(kJan).isEqualTo(1);
    }

    @Test
    void trafficPoolExceededByOneByteCostsOneStartedGb() {
        // 2025-12-01      created on S-1 (1000 GB included), alive all January: pool 1,000,000,000,000 bytes
        // January         sends exactly the pool: nothing to pay for traffic
        // January (again) sends the pool and one byte more: one started GB over, EUR 0.01
        ServerLife s = onS1("2025-12-01T00:00:00Z", null);
        Line atPool = traffic(bill(JANUARY_UTC, 1_000_000_000_000L, s));
        assertThat(atPool.quantity()).isEqualByComparingTo("0");
        assertThat(atPool.amount()).isEqualTo(Money.of("0.00", "EUR"));
        Draft over = bill(JANUARY_UTC, 1_000_000_000_001L, s);
        assertThat(traffic(over).quantity()).isEqualByComparingTo("1");
        assertThat(traffic(over).amount()).isEqualTo(Money.of("0.01", "EUR"));
        assertThat(over.total()).isEqualTo(Money.of("5.01", "EUR"));
    }

    @Test
    void serverThatLivedHalfTheMonthAddsHalfItsAllowance() {
        // 2026-01-01 00:00Z  created on S-1; 2026-01-16 12:00Z deleted: 372 of 744 hours, half of 1000 GB
        Draft draft = bill(JANUARY_UTC, 0, onS1("2026-01-01T00:00:00Z", "2026-01-16T12:00:00Z"));
        assertThat(draft.poolBytes()).isEqualByComparingTo("500000000000");
    }

    @Test
    void snapshotIsBilledPerGbMonthAndEachLineIsRoundedOnce() {
        // 2026-01-01  20 GB snapshot taken; 2026-01-16 12:00Z deleted: half a month, 10 GB-months x EUR 0.05
        SnapshotLife snap = new SnapshotLife(UUID.randomUUID(), "db.example.com", "before-upgrade", 20,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-16T12:00:00Z"));
        Draft draft = Rating.rate(JANUARY_UTC, JANUARY_UTC.end(), EUR, List.of(), 0, List.of(snap), PRICES);
        Line line = draft.lines().stream().filter(l -> l.kind() == LineKind.SNAPSHOT).findFirst().orElseThrow();
        assertThat(line.quantity()).isEqualByComparingTo(new BigDecimal("10"));
        assertThat(line.amount()).isEqualTo(Money.of("0.50", "EUR"));
    }

    @Test
    void projectedBillCountsOnlyTheHoursStartedSoFar() {
        // 2026-01-01 00:00Z  created on S-1; "now" is 2026-01-03 00:30Z: 49 started hours
        ServerLife s = onS1("2026-01-01T00:00:00Z", null);
        Draft draft = Rating.rate(JANUARY_UTC, Instant.parse("2026-01-03T00:30:00Z"), EUR, List.of(s), 0, List.of(),
                PRICES);
        assertThat(serverLine(draft).quantity()).isEqualByComparingTo("49");
    }

    static Line traffic(Draft draft) {
        return draft.lines().stream().filter(l -> l.kind() == LineKind.TRAFFIC).findFirst().orElseThrow();
    }
}
