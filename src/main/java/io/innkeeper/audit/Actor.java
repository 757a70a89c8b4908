package io.innkeeper.audit;

import java.util.UUID;

/** Who did something and from where, as the audit log records it. */
public record Actor(String login, UUID tenantId, String sourceIp, String requestId) {

    /** Work the panel does by itself (jobs, schedules). */
    public static final Actor SYSTEM = new Actor("system", null, null, null);
}
