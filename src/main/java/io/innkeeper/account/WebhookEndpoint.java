package io.innkeeper.account;

import java.time.Instant;
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
}
