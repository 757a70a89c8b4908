package io.innkeeper.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/** Display formats shared by every template. */
public final class Formats {

    private static final DateTimeFormatter UTC_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** {@code {server.createdAt.display}}: minutes are enough for people; the exact value stays in the markup. */
    /** Bytes as mebibytes with one decimal, for sizes of disks and backups. */
    @TemplateExtension
    static String mebibytes(long bytes) {
        return java.math.BigDecimal.valueOf(bytes).divide(java.math.BigDecimal.valueOf(1024L * 1024L), 1,
                java.math.RoundingMode.HALF_UP).toPlainString();
    }

    @TemplateExtension
    static String display(Instant instant) {
        return instant == null ? "" : UTC_MINUTES.format(instant);
    }

    /** {@code {console.readAt.clock}}: the time of day to the second, for what was read just now. */
    @TemplateExtension
    static String clock(Instant instant) {
        return instant == null ? "" : UTC_SECONDS.format(instant);
    }
}
