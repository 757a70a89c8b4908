package io.innkeeper.tenancy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.security.ForbiddenException;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;

/**
 * A tenant's team: who may sign in to it and in which role. Only an owner changes the team, and a tenant always
 * keeps at least one owner. A login may belong to several tenants (a person who works for two customers), each
 * once: see {@link #refuseIfMember}. Which one it acts for is {@link AccountChoice}'s.
 */
@ApplicationScoped
public class Memberships {

    /** Keycloak usernames as this panel's realm allows them, lower case. */
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,254}");

    /** A person on the team: the login and its role. */
    public record Member(UUID id, String login, MemberRole role, Instant createdAt) {

        static Member of(Membership m) {
            return new Member(m.id, m.login, m.role, m.createdAt);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    /** The tenant's members, owners first, then by login. */
    @Transactional
    public List<Member> list(UUID tenantId) {
        return em.createQuery("from Membership m where m.tenant.id = :t order by m.role, m.login", Membership.class)
                .setParameter("t", tenantId).getResultStream().map(Member::of).toList();
    }

    @Transactional
    public Member add(Actor actor, MemberRole callerRole, UUID tenantId, String rawLogin, String rawRole) {
        requireOwner(callerRole);
        String login = rawLogin == null ? "" : rawLogin.strip().toLowerCase(Locale.ROOT);
        MemberRole role = role(rawRole);
        if (!LOGIN.matcher(login).matches()) {
            throw InvalidInput.of("login", "Enter the person's sign-in name: 3 to 255 letters, digits, dots, "
                    + "hyphens, underscores or @.");
        }
        return enrol(actor, em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE), login, role,
                "member.add");
    }

    @Transactional
    public void changeRole(Actor actor, MemberRole callerRole, UUID tenantId, UUID memberId, String rawRole) {
        requireOwner(callerRole);
        MemberRole role = role(rawRole);
        Membership m = member(tenantId, memberId);
        MemberRole before = m.role;
        if (before == MemberRole.OWNER && role != MemberRole.OWNER) {
            keepAnOwner(tenantId);
        }
        m.role = role;
        audit.changed(actor, new Audit.Entry("member.role", "membership", m.id, tenantId, m.login,
                Map.of("role", before.name()), Map.of("role", role.name())));
    }

    @Transactional
    public void remove(Actor actor, MemberRole callerRole, UUID tenantId, UUID memberId) {
        requireOwner(callerRole);
        Membership m = member(tenantId, memberId);
        if (m.role == MemberRole.OWNER) {
            keepAnOwner(tenantId);
        }
        m.delete();
        audit.changed(actor, new Audit.Entry("member.remove", "membership", m.id, tenantId, m.login,
                Map.of("login", m.login, "role", m.role.name()), null));
    }

    /**
     * The one rule for who may join a tenant: any login that is not a member of it yet, whatever other tenants it
     * belongs to. Every way in (adding a login, accepting an invitation) calls it with the tenant's row locked, so
     * two joins of one login cannot both pass; the unique (tenant, login) constraint backs it.
     */
    private static void refuseIfMember(UUID tenantId, String login, String field) {
        if (Membership.in(tenantId, login).isPresent()) {
            throw InvalidInput.of(field, "This sign-in name is already a member of this account.");
        }
    }

    private static void requireOwner(MemberRole callerRole) {
        if (callerRole != MemberRole.OWNER) {
            throw new ForbiddenException("Only an owner of the account can change its team.");
        }
    }

    private Membership member(UUID tenantId, UUID memberId) {
        em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
        Membership m = em.find(Membership.class, memberId);
        if (m == null || !m.tenant.id.equals(tenantId)) {
            throw new NotFound("member");
        }
        return m;
    }

    private void keepAnOwner(UUID tenantId) {
        long owners = Membership.count("tenant.id = ?1 and role = ?2", tenantId, MemberRole.OWNER);
        if (owners <= 1) {
            throw InvalidInput.of("role", "An account keeps at least one owner; make someone else owner first.");
        }
    }

    private static MemberRole role(String raw) {
        try {
            return MemberRole.valueOf(raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("role", "Choose owner, member or read-only.");
        }
    }

    /**
     * Adds {@code login} to the tenant in {@code role}, as an accepted invitation asks (see {@link Invitations}); the
     * invitation was the owner's decision, so no caller role is checked here. A login may be in several tenants,
     * each once ({@link #refuseIfMember}).
     */
    @Transactional
    public Member join(Actor actor, UUID tenantId, String login, MemberRole role) {
        Tenant tenant = em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (tenant == null) {
            throw new NotFound("account");
        }
        return enrol(actor, tenant, login, role, "member.join");
    }

    /** The one way a login becomes a member: with the tenant's row locked, once per tenant, audited as {@code action}. */
    private Member enrol(Actor actor, Tenant tenant, String login, MemberRole role, String action) {
        refuseIfMember(tenant.id, login, "login");
        Membership m = new Membership();
        m.id = UUID.randomUUID();
        m.tenant = tenant;
        m.login = login;
        m.role = role;
        m.createdAt = clock.instant();
        m.persist();
        audit.changed(actor, new Audit.Entry(action, "membership", m.id, tenant.id, login, null,
                Map.of("login", login, "role", role.name())));
        return Member.of(m);
    }
}
