package io.innkeeper.tenancy;

import java.time.Instant;
import java.util.List;
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

/**
 * A Keycloak user's place in a tenant, found by the user's login name (Keycloak's preferred_username). A login may
 * have a place in several tenants, one in each at most; {@link AccountChoice} says which one it acts for.
 */
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

    /** All of the login's memberships with their tenants, in one statement. */
    public static List<Membership> ofLogin(String login) {
        return find("from Membership m join fetch m.tenant where m.login = ?1", login).list();
    }

    /** The login's membership in the tenant, if it has one. */
    public static Optional<Membership> in(UUID tenantId, String login) {
        return find("from Membership m join fetch m.tenant where m.tenant.id = ?1 and m.login = ?2", tenantId, login)
                .firstResultOptional();
    }

    /** The login's first account, the one it acts for unless it chooses another: its oldest membership. */
    public static Optional<Membership> forLogin(String login) {
        List<Membership> all = ofLogin(login);
        return AccountChoice.choose(all.stream().map(Membership::candidate).toList(), AccountChoice.Asked.NOTHING)
                .flatMap(tenant -> all.stream().filter(m -> m.tenant.id.equals(tenant)).findFirst());
    }

    AccountChoice.Candidate candidate() {
        return new AccountChoice.Candidate(tenant.id, createdAt);
    }
}
