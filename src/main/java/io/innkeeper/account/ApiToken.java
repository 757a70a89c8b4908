package io.innkeeper.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A panel-issued API token. Only the hash of its secret is kept; the secret is shown once, at creation. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The tenant the token acts for: its owner's own, or one of a reseller's customers. */
    @Column(name = "tenant_id")
    public UUID tenantId;

    /** The tenant whose user made the token and who may list and revoke it. */
    @Column(name = "owner_tenant")
    public UUID ownerTenant;

    @Column(name = "created_by")
    public String createdBy;

    public String name;

    public String prefix;

    @Column(name = "secret_hash")
    public String secretHash;

    @Enumerated(EnumType.STRING)
    public TokenScope scope;

    @Column(name = "allowed_ips")
    public String allowedIps;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    /** The resources it reaches, comma separated ({@link TokenResource}); null for all. */
    public String resources;

    /** Whether it is a bootstrap token, which mints one token through the API and is then used up. */
    public boolean bootstrap;
}
