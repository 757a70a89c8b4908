package io.innkeeper.tenancy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A Keycloak user's place in a tenant, found by the user's login name (Keycloak's preferred_username). */
@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    public Tenant tenant;

    public String login;

    @Enumerated(EnumType.STRING)
    public MemberRole role;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<Membership> forLogin(String login) {
        return find("from Membership m join fetch m.tenant where m.login = ?1", login).firstResultOptional();
    }
}
