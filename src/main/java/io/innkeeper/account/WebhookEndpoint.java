package io.innkeeper.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Where a tenant wants its events delivered. The shared secret signs each delivery; it is kept as given because
 * the panel needs it to sign, and it is shown to the tenant only once.
 */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    public String url;

    public String secret;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    /** The event types it takes, comma separated ({@link EventTypes#filter}); null for every event. */
    @Column(name = "event_types")
    public String eventTypes;

    /** The secret before the last rotation, which signs beside {@link #secret} until {@link #previousSecretUntil}. */
    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    public List<String> events() {
        return EventTypes.read(eventTypes);
    }

    public boolean wants(String type) {
        return EventTypes.wanted(events(), type);
    }

    /** The secrets that sign a delivery made at {@code now}. */
    public List<String> signingSecrets(Instant now) {
        return WebhookSignature.secrets(secret, previousSecret, previousSecretUntil, now);
    }
}
