package io.innkeeper.tenancy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;

/**
 * Self-service sign-up: a verified login that belongs to no account creates a customer account for itself, once, and
 * becomes its owner. The account gets the default quota, capped by the new-account limit
 * ({@code innkeeper.signup.new-account.*}) until an admin approves it. One transaction each.
 */
@ApplicationScoped
public class SignUp {

    /** What the welcome page offers a login: whether it may sign up, and the choices of the form. */
    public record Offer(boolean open, String closed, List<String> currencies, List<AccountDetails.Country> countries,
            java.util.Set<String> timeZones) {
    }

    /** The account a sign-up made. */
    public record Created(UUID tenantId, String name) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    SignUpConfig config;

    @Inject
    Openings openings;

    @Inject
    Memberships memberships;

    public Offer offer() {
        return new Offer(config.enabled(), config.closed(), config.currencies(), AccountDetails.countries(),
                AccountDetails.timeZones());
    }

    /** Whether {@code login} belongs to an account already. */
    @Transactional
    public boolean hasAccount(String login) {
        return Membership.count("login", login) > 0;
    }

    /**
     * Creates a customer account named in the form for {@code login}, which becomes its owner. Refused (and nothing
     * stored) when sign-up is off, the details are bad, or the login belongs to an account already.
     */
    @Transactional
    public Created create(Actor actor, String login, String email, String rawName, String rawCountry,
            String rawCurrency, String rawTimeZone) {
        if (!config.enabled()) {
            throw InvalidInput.of("form", config.closed());
        }
        AccountDetails details = AccountDetails.parse(rawName, rawCountry, rawCurrency, rawTimeZone,
                config.currencies());
        if (login == null || login.isBlank()) {
            throw InvalidInput.of("form", "Sign in before you create an account.");
        }
        // Two submits of one person's welcome form queue here, so the second finds the first's account.
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('signup:' || :login))")
                .setParameter("login", login).getSingleResult();
        if (Membership.count("login", login) > 0) {
            throw InvalidInput.of("form", "Your login belongs to an account already; open your dashboard.");
        }
        UUID tenantId = openings.open(actor, new Openings.Opening(TenantKind.CUSTOMER, details.name(), null,
                details.currency(), details.timeZone(), details.country(), true));
        Actor as = new Actor(actor.login(), tenantId, actor.sourceIp(), actor.requestId());
        memberships.join(as, tenantId, login, MemberRole.OWNER);
        Map<String, Object> signedUp = new LinkedHashMap<>();
        signedUp.put("login", login);
        signedUp.put("email", email);
        signedUp.put("role", MemberRole.OWNER.name());
        audit.changed(as, new Audit.Entry("signup", "tenant", tenantId, tenantId, login, null, signedUp));
        return new Created(tenantId, details.name());
    }

    /** Whether the account signed itself up and still awaits an admin's approval. */
    @Transactional
    public boolean awaitingApproval(UUID tenantId) {
        Tenant tenant = em.find(Tenant.class, tenantId);
        if (tenant == null) {
            throw new NotFound("tenant");
        }
        return tenant.awaitingApproval;
    }

    /** An admin approves a self-made account: the new-account limit no longer caps its quota. */
    @Transactional
    public void approve(Actor actor, UUID tenantId) {
        Tenant tenant = em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (tenant == null) {
            throw new NotFound("tenant");
        }
        if (!tenant.awaitingApproval) {
            throw InvalidInput.of("approve", "This account needs no approval; it has its full quota already.");
        }
        tenant.awaitingApproval = false;
        audit.changed(actor, new Audit.Entry("tenant.approve", "tenant", tenant.id, tenant.id, tenant.name,
                Map.of("awaitingApproval", true), Map.of("awaitingApproval", false)));
    }
}
