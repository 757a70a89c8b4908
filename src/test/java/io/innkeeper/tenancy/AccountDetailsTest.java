package io.innkeeper.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.innkeeper.kernel.InvalidInput;

/** What the welcome page takes as a new account's name, country, currency and time zone. */
class AccountDetailsTest {

    private static final List<String> OFFERED = List.of("EUR", "USD");

    @Test
    void takesStrippedDetailsAndUpperCasesTheCodes() {
        assertThat(AccountDetails.parse("  Ada's Bakery ", "de", "eur", "Europe/Berlin", OFFERED))
                .isEqualTo(new AccountDetails("Ada's Bakery", "DE", "EUR", "Europe/Berlin"));
    }

    @Test
    void namesEveryBadField() {
        InvalidInput e = catchThrowableOfType(InvalidInput.class,
                () -> AccountDetails.parse(" ", "XX", "JPY", "Mars/Olympus", OFFERED));
        assertThat(e.errors().asMap()).containsOnlyKeys("name", "country", "currency", "timeZone");
        assertThat(e.errors().asMap().get("currency")).contains("EUR, USD");
    }

    @Test
    void refusesAnOverlongNameOrOneWithControlCharacters() {
        InvalidInput longName = catchThrowableOfType(InvalidInput.class,
                () -> AccountDetails.parse("x".repeat(10_000), "DE", "EUR", "UTC", OFFERED));
        assertThat(longName.errors().asMap()).containsOnlyKeys("name");
        assertThat(longName.errors().asMap().get("name")).contains("At most 200 characters");
        InvalidInput control = catchThrowableOfType(InvalidInput.class,
                () -> AccountDetails.parse("Evil\u202eCorp", "DE", "EUR", "UTC", OFFERED));
        assertThat(control.errors().asMap()).containsOnlyKeys("name");
    }

    @Test
    void offersRegionZonesAndUtcButNoFixedOffsets() {
        assertThat(AccountDetails.timeZones()).contains("UTC", "Europe/Berlin", "America/New_York")
                .doesNotContain("Etc/GMT+5", "GMT0", "EST");
        assertThat(AccountDetails.countries()).extracting(AccountDetails.Country::code).contains("DE", "US")
                .doesNotHaveDuplicates();
    }
}
