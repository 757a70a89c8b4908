package io.innkeeper.notify;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import io.quarkus.qute.TemplateData;

import io.innkeeper.kernel.Money;

/**
 * Numbers, amounts and dates as a reader of one language and time zone writes them: {@code EUR 1,234.50} and
 * {@code 4 December 2026} in English, {@code EUR 1.234,50} and {@code 4. Dezember 2026} in German. Templates call it
 * as {@code fmt}.
 */
@TemplateData
public record LocalFormats(Locale locale, ZoneId zone) {

    /** An amount with its currency code first and the currency's own number of decimals. */
    public String money(Money money) {
        return money(money.amount(), money.currency().getCurrencyCode());
    }

    /** An amount given as text (as events carry it) in a currency. */
    public String money(Object amount, String currency) {
        BigDecimal value = amount instanceof BigDecimal b ? b : new BigDecimal(String.valueOf(amount));
        NumberFormat number = NumberFormat.getNumberInstance(locale);
        int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        number.setMinimumFractionDigits(digits);
        number.setMaximumFractionDigits(digits);
        number.setGroupingUsed(true);
        return currency + " " + number.format(value);
    }

    /** A day, long form, in the reader's zone. */
    public String date(Object when) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(instant(when).atZone(zone));
    }

    /** A day and time of day, in the reader's zone, with the zone named. */
    public String dateTime(Object when) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale)
                .format(instant(when).atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** A whole number or a percentage figure with the reader's separators. */
    public String number(Object value) {
        return NumberFormat.getNumberInstance(locale).format(new BigDecimal(String.valueOf(value)));
    }

    private static Instant instant(Object when) {
        return when instanceof Instant i ? i : Instant.parse(String.valueOf(when));
    }
}
