package io.innkeeper.tenancy;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.kernel.PublicAddress;

/**
 * Single sign-on links: a reseller asks for a link that signs the owner of one of its customers into the customer
 * portal, for billing systems that offer "log in to control panel". The link is short-lived and single-use; following
 * it opens a panel session (a cookie the panel checks, {@link LinkSessionMechanism}) pinned to that customer, beside
 * Keycloak's sign-in rather than through it: Keycloak's impersonation endpoint sets its cookies on the caller's
 * response (the panel's, not the customer's browser) and needs the realm's impersonation role, and token exchange
 * for another subject is only in Keycloak's legacy preview; quarkus-oidc builds its session from its own code flow.
 * Making, following and ending a link are audited in the customer's log. An account that requires two-factor
 * sign-in gets no links: a link would go around the second factor.
 */
@ApplicationScoped
public class LoginLinks {

    static final String LINK_PREFIX = "ikl_";
    static final String SESSION_PREFIX = "iks_";
    /** The link's path, before its secret. */
    public static final String PATH = "/login-links/";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    LoginLinkConfig config;

    @Inject
    PublicAddress address;

    /** Why a customer gets no link (409). */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** A new link, to follow once before {@code expiresAt}. */
    public record Link(UUID id, String url, String path, String login, Instant expiresAt) {
    }

    /** A session a link opened: the owner's login in the customer's tenant, and its cookie's value. */
    public record Session(String secret, UUID tenantId, String login, Instant until) {
    }

    /** Who a live session signs in. */
    public record SignedIn(UUID tenantId, String login, Instant until) {
    }

    /**
     * A link that signs the customer's owner (its oldest) in; 404 unless {@code customerId} is the reseller's customer.
     */
    @Transactional
    public Link create(Actor actor, UUID resellerId, UUID customerId) {
        Tenant customer = em.find(Tenant.class, customerId);
        if (customer == null || customer.parent == null || !customer.parent.id.equals(resellerId)) {
            throw new NotFound("account");
        }
        refusal(customer).ifPresent(reason -> {
            throw new Refused(reason);
        });
        Membership owner = em.createQuery("from Membership m where m.tenant.id = :t and m.role = :r "
                + "order by m.createdAt, m.login", Membership.class).setParameter("t", customerId)
                .setParameter("r", MemberRole.OWNER).setMaxResults(1).getResultStream().findFirst()
                .orElseThrow(() -> new Refused("The account has no owner with a login yet; invite one first."));
        String secret = InvitationTokens.next(LINK_PREFIX);
        Instant now = clock.instant();
        LoginLink link = new LoginLink();
        link.id = UUID.randomUUID();
        link.tenantId = customerId;
        link.login = owner.login;
        link.createdBy = actor.login();
        link.resellerId = resellerId;
        link.secretHash = InvitationTokens.hash(secret);
        link.createdAt = now;
        link.expiresAt = now.plus(config.lifetime());
        em.persist(link);
        audit.changed(actor, new Audit.Entry("login_link.create", "login_link", link.id, customerId, owner.login,
                null, Map.of("login", owner.login, "expiresAt", link.expiresAt.toString())));
        return new Link(link.id, address.base() + PATH + secret, PATH + secret, owner.login, link.expiresAt);
    }

    /** Why the customer can be signed in by no link, if so. */
    private static Optional<String> refusal(Tenant customer) {
        if (customer.status == TenantStatus.CLOSED) {
            return Optional.of("The account is closed.");
        }
        if (customer.requiresTwoFactor) {
            return Optional.of("The account requires two-factor sign-in, which a link would go around; its people "
                    + "sign in themselves.");
        }
        return Optional.empty();
    }

    /**
     * Follows a link: the first time, before it expires, it opens a session; a used, expired or unknown link opens
     * nothing. {@code sourceIp} goes to the audit log.
     */
    @Transactional
    public Optional<Session> follow(String secret, String sourceIp) {
        if (!InvitationTokens.looksLike(LINK_PREFIX, secret)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        LoginLink link = em.createQuery("from LoginLink l where l.secretHash = :h", LoginLink.class)
                .setParameter("h", InvitationTokens.hash(secret)).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
        if (link == null || link.usedAt != null || !link.expiresAt.isAfter(now)) {
            return Optional.empty();
        }
        Tenant customer = em.find(Tenant.class, link.tenantId);
        if (refusal(customer).isPresent() || Membership.in(link.tenantId, link.login).isEmpty()) {
            return Optional.empty();
        }
        String session = InvitationTokens.next(SESSION_PREFIX);
        link.usedAt = now;
        link.sessionHash = InvitationTokens.hash(session);
        link.sessionUntil = now.plus(config.sessionLifetime());
        audit.changed(new Actor(link.login, link.tenantId, sourceIp, null), new Audit.Entry("login_link.use",
                "login_link", link.id, link.tenantId, link.login, null, Map.of("createdBy", link.createdBy)));
        return Optional.of(new Session(session, link.tenantId, link.login, link.sessionUntil));
    }

    /** Who the session signs in, while it lasts and its login still belongs to the account. */
    @Transactional
    public Optional<SignedIn> session(String secret) {
        if (!InvitationTokens.looksLike(SESSION_PREFIX, secret)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return em.createQuery("from LoginLink l where l.sessionHash = :h", LoginLink.class)
                .setParameter("h", InvitationTokens.hash(secret)).getResultStream().findFirst()
                .filter(l -> l.endedAt == null && l.sessionUntil.isAfter(now))
                .filter(l -> refusal(em.find(Tenant.class, l.tenantId)).isEmpty())
                .filter(l -> Membership.in(l.tenantId, l.login).isPresent())
                .map(l -> new SignedIn(l.tenantId, l.login, l.sessionUntil));
    }

    /** Ends the session (sign-out); an unknown or ended one changes nothing. */
    @Transactional
    public void end(String secret, String sourceIp) {
        if (!InvitationTokens.looksLike(SESSION_PREFIX, secret)) {
            return;
        }
        em.createQuery("from LoginLink l where l.sessionHash = :h and l.endedAt is null", LoginLink.class)
                .setParameter("h", InvitationTokens.hash(secret)).getResultStream().findFirst().ifPresent(l -> {
                    l.endedAt = clock.instant();
                    audit.changed(new Actor(l.login, l.tenantId, sourceIp, null), new Audit.Entry("login_link.end",
                            "login_link", l.id, l.tenantId, l.login, null, null));
                });
    }
}
