package io.innkeeper.tenancy;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A single sign-on link a reseller asked for: it signs {@code login}, the owner of the reseller's customer
 * {@code tenantId}, into the customer portal once, and then holds the panel session it opened. Only hashes of the
 * link's secret and of the session's are kept.
 */
@Entity
@Table(name = "login_link")
public class LoginLink extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    public String login;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "reseller_id")
    public UUID resellerId;

    @Column(name = "secret_hash")
    public String secretHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "session_hash")
    public String sessionHash;

    @Column(name = "session_until")
    public Instant sessionUntil;

    @Column(name = "ended_at")
    public Instant endedAt;
}
