package io.innkeeper.tenancy;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Text;

/**
 * What a new account is asked once: its name, country, billing currency and time zone, checked here with no database
 * so the welcome page and the use case share one rule.
 */
public record AccountDetails(String name, String country, String currency, String timeZone) {

    /** The longest account name (the tenant table's check). */
    public static final int NAME_MAX = 200;

    /** A country to choose: its ISO 3166-1 alpha-2 code and English name. */
    public record Country(String code, String name) {
    }

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private static final Set<String> ZONES = zones();

    /**
     * The details from a form, stripped and checked: the country and currency upper-cased, the currency one of
     * {@code currencies}. Throws {@link InvalidInput} naming each bad field.
     */
    public static AccountDetails parse(String rawName, String rawCountry, String rawCurrency, String rawTimeZone,
            List<String> currencies) {
        return parse(rawName, rawCountry, rawCurrency, rawTimeZone, currencies::contains,
                "Choose one of the currencies offered: " + String.join(", ", currencies) + ".");
    }

    /**
     * The details as an admin gives them for a new account: the same checks, but any ISO 4217 currency (the
     * admin, not the sign-up settings, decides what the provider bills in).
     */
    public static AccountDetails parseAnyCurrency(String rawName, String rawCountry, String rawCurrency,
            String rawTimeZone) {
        return parse(rawName, rawCountry, rawCurrency, rawTimeZone, AccountDetails::isCurrency,
                "Enter an ISO 4217 currency code such as EUR or USD.");
    }

    /** Whether {@code code} is an ISO 3166-1 alpha-2 country code (upper case). */
    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    /** Whether {@code code} is an ISO 4217 currency code (upper case). */
    public static boolean isCurrency(String code) {
        return code != null && code.matches("[A-Z]{3}") && java.util.Currency.getAvailableCurrencies().stream()
                .anyMatch(c -> c.getCurrencyCode().equals(code));
    }

    private static AccountDetails parse(String rawName, String rawCountry, String rawCurrency, String rawTimeZone,
            java.util.function.Predicate<String> currencyOffered, String currencyRefusal) {
        String name = rawName == null ? "" : rawName.strip();
        String country = rawCountry == null ? "" : rawCountry.strip().toUpperCase(Locale.ROOT);
        String currency = rawCurrency == null ? "" : rawCurrency.strip().toUpperCase(Locale.ROOT);
        String timeZone = rawTimeZone == null ? "" : rawTimeZone.strip();
        FieldErrors errors = new FieldErrors();
        String nameRefusal = Text.refusal(name, NAME_MAX, false);
        if (name.isEmpty()) {
            errors.add("name", "Enter the account's name, for example your company's.");
        } else if (nameRefusal != null) {
            errors.add("name", nameRefusal);
        }
        if (!COUNTRIES.contains(country)) {
            errors.add("country", "Choose a country from the list.");
        }
        if (!currencyOffered.test(currency)) {
            errors.add("currency", currencyRefusal);
        }
        if (!ZONES.contains(timeZone)) {
            errors.add("timeZone", "Choose a time zone from the list, such as Europe/Berlin.");
        }
        errors.throwIfAny();
        return new AccountDetails(name, country, currency, timeZone);
    }

    /** Every country to choose from, by English name. */
    public static List<Country> countries() {
        return Arrays.stream(Locale.getISOCountries())
                .map(c -> new Country(c, Locale.of("", c).getDisplayCountry(Locale.ENGLISH)))
                .sorted(Comparator.comparing(Country::name)).toList();
    }

    /** The time zones to choose from: the IANA region zones and UTC, sorted; no fixed offsets or legacy names. */
    public static Set<String> timeZones() {
        return ZONES;
    }

    private static Set<String> zones() {
        Set<String> zones = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.indexOf('/') > 0 && !id.startsWith("Etc/") && !id.startsWith("SystemV/")
                    && Character.isUpperCase(id.charAt(0))) {
                zones.add(id);
            }
        }
        zones.add("UTC");
        return java.util.Collections.unmodifiableSet(zones);
    }
}
