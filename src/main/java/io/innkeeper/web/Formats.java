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
