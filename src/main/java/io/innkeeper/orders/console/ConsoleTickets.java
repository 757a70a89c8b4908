package io.innkeeper.orders.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.apache.commons.codec.digest.DigestUtils;

import io.quarkus.security.ForbiddenException;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.orders.OrderService;
import io.innkeeper.orders.Server;
import io.innkeeper.orders.ServerQueries;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Scope;

/**
 * One-time console tickets, after Proxmox's {@code termproxy}: a ticket is issued to a signed-in person for one
 * server, lives {@link ConsoleConfig#ticketLifetime()}, is stored only as its SHA-256, and is spent by its first
 * use, whatever the outcome. The console socket redeems it before it joins anything to the guest, so a reused,
 * expired or foreign ticket never reaches a guest.
 */
@ApplicationScoped
public class ConsoleTickets {

    /** Tickets are this long at most; anything longer is refused before it is hashed. */
    public static final int MAX_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Clock clock;

    @Inject
    ConsoleConfig config;

    @Inject
    ServerQueries servers;

    @Inject
    Audit audit;

    /** A ticket as its holder gets it: shown once, never stored. */
    public record Ticket(String ticket, UUID serverId, Instant expiresAt, ConsoleKind kind) {
        public Ticket(String ticket, UUID serverId, Instant expiresAt) {
            this(ticket, serverId, expiresAt, ConsoleKind.SERIAL);
        }
    }

    /** What a redeemed ticket lets its holder do: open this server's console of this kind, as this person. */
    public record Grant(UUID serverId, UUID tenantId, String login, boolean admin, ConsoleKind kind) {
        public Grant(UUID serverId, UUID tenantId, String login, boolean admin) {
            this(serverId, tenantId, login, admin, ConsoleKind.SERIAL);
        }
    }

    /** A ticket for a console the server does not have (a container's screen): 409 with the reason. */
    public static final class NoSuchConsole extends RuntimeException {
        public NoSuchConsole(String reason) {
            super(reason);
        }
    }

    static final String NO_SCREEN = "This server is a container: containers have no screen, so there is no graphical "
            + "console. Use the serial console.";

    /** The ticket was refused; {@code reason} says why in words for the person. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    /**
     * A ticket for a member: the server must be in the scope (404 otherwise, whoever owns it) and
     * {@link ConsoleRules} must allow it (403 with the reason otherwise, audited).
     */
    @Transactional(dontRollbackOn = ForbiddenException.class)
    public Ticket issue(Actor actor, Scope scope, MemberRole role, UUID serverId) {
        return issue(actor, scope, role, serverId, ConsoleKind.SERIAL);
    }

    /** As {@link #issue(Actor, Scope, MemberRole, UUID)}, for a console of {@code kind}; {@link NoSuchConsole} too. */
    @Transactional(dontRollbackOn = ForbiddenException.class)
    public Ticket issue(Actor actor, Scope scope, MemberRole role, UUID serverId, ConsoleKind kind) {
        Server server = servers.get(scope, serverId);
        Optional<String> refusal = ConsoleRules.refusal(false, role, OrderService.standing(server.tenant));
        if (refusal.isPresent()) {
            audit.refused(actor, entry("console.ticket", server, refusal.get(), false));
            throw new ForbiddenException(refusal.get());
        }
        return store(actor, server, false, kind);
    }

    /** A ticket for a platform admin, for any server that is not deleted. */
    @Transactional
    public Ticket issueAsAdmin(Actor actor, UUID serverId) {
        return issueAsAdmin(actor, serverId, ConsoleKind.SERIAL);
    }

    @Transactional
    public Ticket issueAsAdmin(Actor actor, UUID serverId, ConsoleKind kind) {
        Server server = Server.<Server>findByIdOptional(serverId).filter(s -> s.deletedAt == null)
                .orElseThrow(() -> new NotFound("server"));
        return store(actor, server, true, kind);
    }

    /**
     * Spends the ticket and says what it grants: only the person it was issued to, for the server it names, before
     * it expires, once; a member's account must still be in good standing. Spent whatever the outcome, so a ticket
     * that leaked cannot be tried again.
     */
    @Transactional(dontRollbackOn = Refused.class)
    public Grant redeem(String ticket, UUID serverId, String login) {
        return redeem(ticket, serverId, login, ConsoleKind.SERIAL);
    }

    /** As {@link #redeem(String, UUID, String)}, on the socket of {@code kind}: a ticket of another kind is refused. */
    @Transactional(dontRollbackOn = Refused.class)
    public Grant redeem(String ticket, UUID serverId, String login, ConsoleKind kind) {
        if (ticket == null || ticket.isBlank() || ticket.length() > MAX_LENGTH) {
            throw new Refused("This console link is not valid. Open the console again from the server's page.");
        }
        ConsoleTicket stored = ConsoleTicket.<ConsoleTicket>find("tokenHash", hash(ticket.strip()))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        Instant now = clock.instant();
        if (stored == null || stored.usedAt != null) {
            throw new Refused("This console link was used already or is not valid. Open the console again.");
        }
        stored.usedAt = now;
        if (!ConsoleRules.ticketValid(stored.expiresAt, now)) {
            throw new Refused("This console link has expired. Open the console again.");
        }
        if (!ticket.strip().startsWith(kind.prefix())) {
            throw new Refused("This console link is for another kind of console. Open the console again.");
        }
        if (!stored.serverId.equals(serverId) || !stored.login.equals(login)) {
            throw new Refused("This console link is for another server or another person.");
        }
        Server server = Server.<Server>findByIdOptional(serverId).filter(s -> s.deletedAt == null)
                .orElseThrow(() -> new Refused("This server no longer exists."));
        if (!stored.admin) {
            Optional<String> refusal = ConsoleRules.refusal(false, MemberRole.MEMBER,
                    OrderService.standing(server.tenant));
            if (refusal.isPresent()) {
                throw new Refused(refusal.get());
            }
        }
        return new Grant(serverId, server.tenant.id, login, stored.admin, kind);
    }

    private Ticket store(Actor actor, Server server, boolean admin, ConsoleKind kind) {
        if (!kind.availableFor(server.guest.node.guestType)) {
            throw new NoSuchConsole(NO_SCREEN);
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = kind.prefix() + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ConsoleTicket ticket = new ConsoleTicket();
        ticket.id = UUID.randomUUID();
        ticket.tokenHash = hash(secret);
        ticket.serverId = server.id;
        ticket.login = actor.login();
        ticket.admin = admin;
        ticket.createdAt = clock.instant();
        ticket.expiresAt = ticket.createdAt.plus(config.ticketLifetime());
        ticket.persist();
        // Spent and expired tickets are of no further use: each issue clears those of the last hour.
        ConsoleTicket.delete("expiresAt < ?1", ticket.createdAt.minusSeconds(3600));
        audit.changed(actor, new Audit.Entry("console.ticket", "server", server.id, server.tenant.id, null, null,
                Map.of("admin", admin, "kind", kind.wire())));
        return new Ticket(secret, server.id, ticket.expiresAt, kind);
    }

    private static Audit.Entry entry(String action, Server server, String detail, boolean admin) {
        return new Audit.Entry(action, "server", server.id, server.tenant.id, detail, null, Map.of("admin", admin));
    }

    static String hash(String secret) {
        return DigestUtils.sha256Hex(secret);
    }
}
