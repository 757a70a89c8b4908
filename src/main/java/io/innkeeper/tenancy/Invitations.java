package io.innkeeper.tenancy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.security.ForbiddenException;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.Brand;
import io.innkeeper.kernel.EmailAddresses;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.kernel.Text;
import io.innkeeper.kernel.PublicAddress;
import io.innkeeper.mail.Mail;

/**
 * Invitations to join a tenant by e-mail: made, resent, revoked and listed by whoever may manage the tenant's team
 * (its owner, its reseller, a platform admin), and accepted through a single-use, expiring link by whichever login
 * is signed in when it is opened. The letter leaves only when the transaction that stores the invitation commits.
 * One transaction each.
 */
@ApplicationScoped
public class Invitations {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** Who asks, as the adapter knows it; each may manage invitations of some tenants only. */
    public sealed interface Authority {

        /** A member of the tenant, in this role: any member reads, only an owner changes. */
        record Member(MemberRole role) implements Authority {
        }

        /** A reseller, for its own customers; any other tenant answers 404. */
        record ResellerOf(UUID resellerId) implements Authority {
        }

        /** A platform admin, for any tenant. */
        record Admin() implements Authority {
        }

        static Authority member(MemberRole role) {
            return new Member(role);
        }

        static Authority reseller(UUID resellerId) {
            return new ResellerOf(resellerId);
        }

        static Authority admin() {
            return new Admin();
        }
    }

    /** An invitation as the inviting side lists it (never its link). */
    public record Sent(UUID id, UUID tenantId, String email, MemberRole role, String invitedBy, Instant sentAt,
            Instant expiresAt, InvitationState state) {

        public boolean isExpired() {
            return state == InvitationState.EXPIRED;
        }
    }

    /** What an invitation link offers the person who opened it, and whether it can still be taken. */
    public record Offer(String tenantName, TenantKind tenantKind, String email, MemberRole role, String invitedBy,
            Instant expiresAt, InvitationState state) {

        public boolean canAccept() {
            return state == InvitationState.PENDING;
        }

        /** Why the link cannot be used, or null. */
        public String refusal() {
            return state.refusal();
        }
    }

    /** A link that was once good but cannot be used now (used, revoked or expired): pages answer 410. */
    public static class Closed extends RuntimeException {

        private final InvitationState state;

        public Closed(InvitationState state) {
            super(state.refusal());
            this.state = state;
        }

        public InvitationState state() {
            return state;
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    Mail mail;

    @Inject
    InvitationConfig config;

    @Inject
    PublicAddress address;

    @Inject
    Memberships memberships;

    @Inject
    Logins logins;

    @Inject
    Brand brand;

    /** Invites {@code rawEmail} to the tenant in {@code rawRole} and mails the link. */
    @Transactional
    public Sent invite(Actor actor, Authority by, UUID tenantId, String rawEmail, String rawRole) {
        Tenant tenant = tenant(by, tenantId, true);
        String email = EmailAddresses.normalise(rawEmail);
        FieldErrors errors = new FieldErrors();
        EmailAddresses.problem(email).ifPresent(p -> errors.add("email", p));
        MemberRole role = role(rawRole, errors);
        errors.throwIfAny();
        if (tenant.status == TenantStatus.CLOSED) {
            throw InvalidInput.of("email", "This account is closed; nobody can be invited to it.");
        }
        long members = em.createQuery("select count(m) from Membership m where m.tenant.id = :t "
                + "and lower(m.login) = lower(:e)", Long.class).setParameter("t", tenantId).setParameter("e", email)
                .getSingleResult();
        if (members > 0) {
            throw InvalidInput.of("email", email + " is already a member of this account.");
        }
        Instant now = clock.instant();
        boolean pending = open(tenantId).stream()
                .anyMatch(i -> i.email.equalsIgnoreCase(email) && i.state(now) == InvitationState.PENDING);
        if (pending) {
            throw InvalidInput.of("email", email + " has a pending invitation to this account already; resend that "
                    + "one instead.");
        }
        Invitation i = new Invitation();
        i.id = UUID.randomUUID();
        i.tenant = tenant;
        i.email = email;
        i.role = role;
        i.invitedBy = actor.login();
        i.createdAt = now;
        Runnable letter = issue(i, now);
        em.persist(i);
        letter.run();
        audit.changed(actor, new Audit.Entry("invitation.create", "invitation", i.id, tenantId, email, null,
                Map.of("email", email, "role", role.name(), "expiresAt", i.expiresAt.toString())));
        return sent(i, now);
    }

    /** Sends the invitation again with a new link and a new expiry; the old link stops working. */
    @Transactional
    public Sent resend(Actor actor, Authority by, UUID tenantId, UUID invitationId) {
        Invitation i = changeable(by, tenantId, invitationId);
        Instant now = clock.instant();
        Instant before = i.expiresAt;
        issue(i, now).run();
        audit.changed(actor, new Audit.Entry("invitation.resend", "invitation", i.id, tenantId, i.email,
                Map.of("expiresAt", before.toString()), Map.of("expiresAt", i.expiresAt.toString())));
        return sent(i, now);
    }

    /** Withdraws the invitation; its link then says so. */
    @Transactional
    public void revoke(Actor actor, Authority by, UUID tenantId, UUID invitationId) {
        Invitation i = changeable(by, tenantId, invitationId);
        i.revokedAt = clock.instant();
        i.revokedBy = actor.login();
        audit.changed(actor, new Audit.Entry("invitation.revoke", "invitation", i.id, tenantId, i.email,
                Map.of("email", i.email, "role", i.role.name()), Map.of("revokedAt", i.revokedAt.toString())));
    }

    /** Withdraws every open invitation of a tenant that is being closed, in the caller's transaction. */
    @Transactional
    public void revokeAll(Actor actor, UUID tenantId) {
        for (Invitation i : open(tenantId)) {
            i.revokedAt = clock.instant();
            i.revokedBy = actor.login();
            audit.changed(actor, new Audit.Entry("invitation.revoke", "invitation", i.id, tenantId, i.email,
                    Map.of("email", i.email, "role", i.role.name()), Map.of("revokedAt", i.revokedAt.toString())));
        }
    }

    /** The tenant's invitations neither accepted nor revoked (expired ones too, to resend), newest first. */
    @Transactional
    public List<Sent> open(Authority by, UUID tenantId) {
        tenant(by, tenantId, false);
        Instant now = clock.instant();
        return open(tenantId).stream().map(i -> sent(i, now)).toList();
    }

    /** What the link offers; empty for a token that was never issued or has been replaced by a resend. */
    @Transactional
    public Optional<Offer> offer(String token) {
        return byToken(token, false).map(i -> new Offer(i.tenant.name, i.tenant.kind, i.email, i.role, i.invitedBy,
                i.expiresAt, stateOf(i)));
    }

    /** What setting up a login for an invitation did. */
    public enum LoginSetUp {
        /** The address has a login now, not yet confirmed, and Keycloak mailed the link to set its password. */
        MAILED,
        /** The invited address has a confirmed login already: sign in with it (or reset its password) to accept. */
        EXISTS
    }

    /**
     * Makes a login for the invited address of a pending invitation, for a person who has none (and may not be able
     * to register, where the provider switched registration off), and has Keycloak mail them the link that verifies
     * the address, sets a password and brings them back to the invitation. The link in the invitation is the
     * authority: only its holder can ask, and only for the invited address.
     *
     * @throws NotFound for an unknown link
     * @throws Closed for a used, revoked or expired one
     */
    @Transactional
    public LoginSetUp setUpLogin(Actor actor, String token) {
        Invitation i = byToken(token, true).orElseThrow(() -> new NotFound("invitation"));
        InvitationState state = stateOf(i);
        if (state != InvitationState.PENDING) {
            throw new Closed(state);
        }
        String who = actor.login() == null || actor.login().isBlank() ? i.email : actor.login();
        Logins.Ensured ensured = logins.ensure(new Actor(who, i.tenant.id, actor.sourceIp(), actor.requestId()),
                i.email);
        if (!ensured.created() && ensured.login().emailVerified()) {
            return LoginSetUp.EXISTS;
        }
        // A login made now, or one never confirmed (an earlier mail was lost, or the person asks again): the link
        // goes to the invited address only, so sending it again gives nobody else anything.
        logins.sendSetupMail(ensured.login().id(), "invitations/" + token);
        return LoginSetUp.MAILED;
    }

    /**
     * Accepts the invitation for the signed-in {@code login}: it joins the tenant in the invited role.
     *
     * @return the tenant joined
     * @throws NotFound for an unknown link
     * @throws Closed for a used, revoked or expired one
     */
    @Transactional
    public UUID accept(Actor actor, String token, String login) {
        Invitation i = byToken(token, true).orElseThrow(() -> new NotFound("invitation"));
        InvitationState state = stateOf(i);
        if (state != InvitationState.PENDING) {
            throw new Closed(state);
        }
        memberships.join(actor, i.tenant.id, login, i.role);
        i.acceptedAt = clock.instant();
        i.acceptedBy = login;
        audit.changed(actor, new Audit.Entry("invitation.accept", "invitation", i.id, i.tenant.id, login,
                Map.of("email", i.email), Map.of("login", login, "role", i.role.name())));
        return i.tenant.id;
    }

    /** Gives the invitation a new link and expiry, and answers the sending of its letter (at commit). */
    private Runnable issue(Invitation i, Instant now) {
        String token = InvitationTokens.next();
        i.tokenHash = InvitationTokens.hash(token);
        i.sentAt = now;
        i.expiresAt = now.plus(config.expiry());
        String link = address.base() + "/invitations/" + token;
        String setUp = address.base() + "/invitation-logins/" + token;
        String account = Text.clip(i.tenant.name, 150);
        Mail.Letter letter = new Mail.Letter(i.email, "Invitation to " + account, """
                Hello,

                %s invites you to the account "%s" on %s, as %s.

                To accept, open this link and sign in:

                %s

                No login yet? Set one up for this address here, then accept:

                %s

                The link works once and expires on %s. If you did not expect this invitation, ignore this message:
                nothing happens unless the link is opened and accepted.
                """.formatted(i.invitedBy, i.tenant.name, brand.name(), roleWords(i.role), link, setUp,
                        WHEN.format(i.expiresAt)));
        return () -> mail.send(letter);
    }

    private static String roleWords(MemberRole role) {
        return switch (role) {
            case OWNER -> "an owner (manages the account and its team)";
            case MEMBER -> "a member (orders and manages servers)";
            case READ_ONLY -> "a read-only member (sees everything, changes nothing)";
        };
    }

    private Invitation changeable(Authority by, UUID tenantId, UUID invitationId) {
        tenant(by, tenantId, true);
        Invitation i = em.find(Invitation.class, invitationId);
        if (i == null || !i.tenant.id.equals(tenantId)) {
            throw new NotFound("invitation");
        }
        InvitationState state = i.state(clock.instant());
        if (state == InvitationState.ACCEPTED || state == InvitationState.REVOKED) {
            throw InvalidInput.of("invitation", "This invitation was " + state.name().toLowerCase(Locale.ROOT)
                    + " already.");
        }
        return i;
    }

    private List<Invitation> open(UUID tenantId) {
        return em.createQuery("from Invitation i where i.tenant.id = :t and i.acceptedAt is null "
                + "and i.revokedAt is null order by i.sentAt desc, i.id", Invitation.class)
                .setParameter("t", tenantId).getResultList();
    }

    /** The invitation's state now; one to a closed account that nobody accepted counts as revoked. */
    private InvitationState stateOf(Invitation i) {
        return i.tenant.status == TenantStatus.CLOSED && i.acceptedAt == null ? InvitationState.REVOKED
                : i.state(clock.instant());
    }

    private Optional<Invitation> byToken(String token, boolean lock) {
        if (!InvitationTokens.looksLikeOne(token)) {
            return Optional.empty();
        }
        var query = em.createQuery("from Invitation i join fetch i.tenant where i.tokenHash = :h", Invitation.class)
                .setParameter("h", InvitationTokens.hash(token));
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream().findFirst();
    }

    /** The tenant, locked for a change, once {@code by} may manage its invitations; 404 when it may not see it. */
    private Tenant tenant(Authority by, UUID tenantId, boolean change) {
        Tenant tenant = change ? em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE)
                : em.find(Tenant.class, tenantId);
        if (tenant == null) {
            throw new NotFound("account");
        }
        switch (by) {
            case Authority.Member m -> {
                if (change && m.role() != MemberRole.OWNER) {
                    throw new ForbiddenException("Only an owner of the account can invite people or change "
                            + "invitations.");
                }
            }
            case Authority.ResellerOf r -> {
                if (tenant.parent == null || !tenant.parent.id.equals(r.resellerId())) {
                    throw new NotFound("account");
                }
            }
            case Authority.Admin a -> {
            }
        }
        return tenant;
    }

    private static Sent sent(Invitation i, Instant now) {
        return new Sent(i.id, i.tenant.id, i.email, i.role, i.invitedBy, i.sentAt, i.expiresAt, i.state(now));
    }

    private static MemberRole role(String raw, FieldErrors errors) {
        try {
            return MemberRole.valueOf(raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            errors.add("role", "Choose owner, member or read-only.");
            return null;
        }
    }
}
