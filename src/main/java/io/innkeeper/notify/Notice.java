package io.innkeeper.notify;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One notification as content providers and templates see it: the event it came from ({@code type}, {@code subject},
 * {@code data}), the account it is about, and the person and account it is for.
 */
public record Notice(UUID id, Topic topic, UUID tenantId, UUID aboutTenantId, String login, UUID eventId,
        String type, String subject, Map<String, Object> data, Instant createdAt) {

    /** A value of the event's data as text, or {@code ""}. */
    public String text(String key) {
        Object value = data.get(key);
        return value == null ? "" : String.valueOf(value);
    }

    /** The event's subject as an id, or null when it is not one. */
    public UUID subjectId() {
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
