package io.innkeeper.orders.rescue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.commons.codec.digest.Sha2Crypt;

import io.quarkus.security.ForbiddenException;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.orders.OrderService;
import io.innkeeper.orders.Server;
import io.innkeeper.orders.ServerQueries;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.rescue.RescueBoot;
import io.innkeeper.provisioning.rescue.RescueMode;
import io.innkeeper.provisioning.rescue.RescueSystems;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Scope;

/**
 * Rescue mode for customers: turn it on (the server boots its region's rescue system with its own disk attached,
 * and root gets a new random password, shown this once and kept only as its SHA-512 crypt hash), turn it off (the
 * server boots its own system again), and read where a server stands. {@link RescueRules} says who may; the
 * server's state and type say when. While in rescue, reboot, shut down, power off and start work as usual and keep
 * the server in rescue; resize, reinstall and snapshots are refused until it leaves; deleting it is allowed.
 */
@ApplicationScoped
public class ServerRescue {

    /** Long enough to be strong, short enough to type on a serial console: about 119 bits. */
    static final int PASSWORD_LENGTH = 20;
    /** Letters and digits without the look-alikes (0/O, 1/l/I), for typing off the screen. */
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ServerQueries servers;

    @Inject
    RescueMode rescueMode;

    @Inject
    RescueSystems rescueSystems;

    @Inject
    Audit audit;

    /** Rescue mode cannot be had for this server (a container, or no rescue system in its region): why, in words. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String reason) {
            super(reason);
        }
    }

    /** Rescue mode was turned on: the root password is in this answer and nowhere else. */
    public record Entered(UUID serverId, String rescueSystem, String rootPassword) {

        @Override
        public String toString() {
            return "Entered[serverId=" + serverId + ", rescueSystem=" + rescueSystem + ", rootPassword=(hidden)]";
        }
    }

    /**
     * Where a server stands with rescue mode, for one person. {@code unavailable} says why it cannot be had at all;
     * {@code refusal} why this person may not use it; {@code canEnter} and {@code canLeave} decide the buttons.
     */
    public record View(UUID serverId, boolean active, String system, Instant since, String unavailable,
            String refusal, boolean canEnter, boolean canLeave) {
    }

    @Transactional
    public View view(Scope scope, MemberRole role, UUID serverId) {
        Server server = servers.get(scope, serverId);
        RescueMode.RescueState state = rescueMode.state(server.id);
        Optional<String> unavailable = unavailable(server);
        Optional<String> refusal = RescueRules.refusal(role, OrderService.standing(server.tenant));
        GuestStatus status = server.guest.status;
        boolean mayUse = refusal.isEmpty();
        return new View(server.id, state.active(), state.system(), state.since(), unavailable.orElse(null),
                refusal.orElse(null), mayUse && unavailable.isEmpty() && !state.active() && status == GuestStatus.RUNNING,
                mayUse && state.active() && (status == GuestStatus.RUNNING || status == GuestStatus.STOPPED));
    }

    /**
     * Boots the server into its region's rescue system. Refused with 403 (audited) by {@link RescueRules},
     * {@link Unavailable} for a container or a region without a rescue system, {@link InvalidInput} on
     * {@code form} when the server is not running or is in rescue already.
     */
    @Transactional(dontRollbackOn = ForbiddenException.class)
    public Entered enter(Actor actor, Scope scope, MemberRole role, UUID serverId) {
        Server server = servers.get(scope, serverId);
        refuse(actor, server, role, "server.rescue-on");
        unavailable(server).ifPresent(why -> {
            throw new Unavailable(why);
        });
        RescueSystems.RescueRow system = rescueSystems.forRegion(server.region.id).orElseThrow();
        String password = newPassword();
        try {
            rescueMode.enter(server.id, system.id(), Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", e.getMessage());
        }
        audit.changed(actor, new Audit.Entry("server.rescue-on", "server", server.id, server.tenant.id, system.name(),
                null, null));
        return new Entered(server.id, system.name(), password);
    }

    /** Boots the server's own system again; a stopped server stays off. Refused as {@link #enter}. */
    @Transactional(dontRollbackOn = ForbiddenException.class)
    public void leave(Actor actor, Scope scope, MemberRole role, UUID serverId) {
        Server server = servers.get(scope, serverId);
        refuse(actor, server, role, "server.rescue-off");
        try {
            rescueMode.leave(server.id);
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", e.getMessage());
        }
        audit.changed(actor, new Audit.Entry("server.rescue-off", "server", server.id, server.tenant.id, null, null,
                null));
    }

    private void refuse(Actor actor, Server server, MemberRole role, String action) {
        Optional<String> refusal = RescueRules.refusal(role, OrderService.standing(server.tenant));
        if (refusal.isPresent()) {
            audit.refused(actor, new Audit.Entry(action, "server", server.id, server.tenant.id, refusal.get(), null,
                    null));
            throw new ForbiddenException(refusal.get());
        }
    }

    private Optional<String> unavailable(Server server) {
        return RescueBoot.unavailableOn(server.guest.node.guestType).or(() -> rescueSystems.forRegion(server.region.id)
                .isPresent() ? Optional.empty() : Optional.of("No rescue system is set up in this server's region "
                        + "yet. Contact support."));
    }

    static String newPassword() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
