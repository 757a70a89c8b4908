package io.innkeeper.provisioning.metering;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daily partitions of {@code meter_sample} (V160): one per UTC day, named {@code meter_sample_pYYYYMMDD},
 * holding the samples taken from that day's midnight up to the next. Pure rules; {@link MeterPartitions} applies
 * them.
 */
public final class SampleDays {

    private static final Pattern NAME = Pattern.compile("meter_sample_p(\\d{8})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private SampleDays() {
    }

    /** The partition that holds {@code day}'s samples. */
    public static String partition(LocalDate day) {
        return "meter_sample_p" + DAY.format(day);
    }

    /** The day a partition holds, if the name is one of ours. */
    public static Optional<LocalDate> day(String partition) {
        Matcher m = NAME.matcher(partition);
        return m.matches() ? Optional.of(LocalDate.parse(m.group(1), DAY)) : Optional.empty();
    }

    /** The UTC day an instant falls in. */
    public static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** Where a day's partition starts (inclusive). */
    public static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Where a day's partition ends (exclusive): the next day's start. */
    public static Instant end(LocalDate day) {
        return start(day.plusDays(1));
    }

    /**
     * Whether a day's samples may go: every sample of the day is older than {@code keepFrom} (the retention) and
     * billing has rolled the whole day up ({@code rolledUpTo}, billing's mark). Without a mark nothing is rolled up
     * and nothing goes.
     */
    public static boolean droppable(LocalDate day, Optional<Instant> rolledUpTo, Instant keepFrom) {
        Instant end = end(day);
        return rolledUpTo.isPresent() && !end.isAfter(rolledUpTo.get()) && !end.isAfter(keepFrom);
    }
}
