package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.innkeeper.kernel.Money;

class LocalFormatsTest {

    private static final Money AMOUNT = new Money(new BigDecimal("1234.5"), Currency.getInstance("EUR"));
    private static final Instant LATE_EVENING = Instant.parse("2026-12-04T23:30:00Z");

    @Test
    void germanReadersSeeGermanNumbersAndDatesInTheirZone() {
        LocalFormats de = new LocalFormats(Locale.GERMAN, ZoneId.of("Europe/Berlin"));
        assertThat(de.money(AMOUNT)).isEqualTo("EUR 1.234,50");
        assertThat(de.date(LATE_EVENING)).isEqualTo("5. Dezember 2026");
    }

    @Test
    void englishReadersSeeEnglishNumbersAndDates() {
        LocalFormats en = new LocalFormats(Locale.ENGLISH, ZoneId.of("UTC"));
        assertThat(en.money(AMOUNT)).isEqualTo("EUR 1,234.50");
        assertThat(en.money("7", "JPY")).isEqualTo("JPY 7");
        assertThat(en.date(LATE_EVENING.toString())).isEqualTo("December 4, 2026");
    }
}
