package io.innkeeper.orders.console;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.ForbiddenException;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.orders.OrderService;
import io.innkeeper.orders.Server;
import io.innkeeper.orders.ServerQueries;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Scope;

/**
 * A VM's screen without the graphical console: a screenshot taken by libvirt on the server's node and handed out as
 * PNG, for when the panel cannot reach the VNC display (or a person only wants a look). The screen shows what the
 * console shows, so the same people get it ({@link ConsoleRules}); each one taken is audited.
 */
@ApplicationScoped
public class ConsoleScreens {

    private static final Logger LOG = Logger.getLogger(ConsoleScreens.class);

    @Inject
    ServerQueries servers;

    @Inject
    ProvisioningService provisioning;

    @Inject
    Audit audit;

    /** What the graphical console page shows before it connects: the decisions, no entity. */
    public record ScreenView(UUID serverId, String hostname, boolean hasScreen, String refusal) {
        public boolean canOpen() {
            return hasScreen && refusal.isEmpty();
        }
    }

    /** A screenshot, or why there is none: {@code status} 409 (no screen, not running) or 503 (node silent). */
    public record Shot(byte[] png, int status, String reason) {
        public boolean taken() {
            return png != null;
        }
    }

    /** The server's graphical console as this member may use it; 404 outside the scope. */
    public ScreenView view(Scope scope, MemberRole role, UUID serverId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Server server = servers.get(scope, serverId);
            return new ScreenView(server.id, server.hostname, hasScreen(server),
                    ConsoleRules.refusal(false, role, OrderService.standing(server.tenant)).orElse(""));
        });
    }

    /** The graphical console of any server that is not deleted, for a platform admin. */
    public ScreenView viewAsAdmin(UUID serverId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Server server = Server.<Server>findByIdOptional(serverId).filter(s -> s.deletedAt == null)
                    .orElseThrow(() -> new NotFound("server"));
            return new ScreenView(server.id, server.hostname, hasScreen(server), "");
        });
    }

    /** A screenshot for a member: 404 outside the scope, 403 with the reason where the console is refused. */
    public Shot take(Actor actor, Scope scope, MemberRole role, UUID serverId) {
        ProvisioningService.ConsoleSource source = QuarkusTransaction.requiringNew().call(() -> {
            Server server = servers.get(scope, serverId);
            Optional<String> refusal = ConsoleRules.refusal(false, role, OrderService.standing(server.tenant));
            if (refusal.isPresent()) {
                throw new ForbiddenException(refusal.get());
            }
            return sourceOf(actor, server, false);
        });
        return shot(source);
    }

    /** A screenshot for a platform admin, of any server that is not deleted. */
    public Shot takeAsAdmin(Actor actor, UUID serverId) {
        ProvisioningService.ConsoleSource source = QuarkusTransaction.requiringNew().call(() -> {
            Server server = Server.<Server>findByIdOptional(serverId).filter(s -> s.deletedAt == null)
                    .orElseThrow(() -> new NotFound("server"));
            return sourceOf(actor, server, true);
        });
        return shot(source);
    }

    private ProvisioningService.ConsoleSource sourceOf(Actor actor, Server server, boolean admin) {
        if (!hasScreen(server)) {
            return null;
        }
        audit.changed(actor, new Audit.Entry("console.screenshot", "server", server.id, server.tenant.id, null,
                null, Map.of("admin", admin)));
        return servers.consoleSource(server);
    }

    private Shot shot(ProvisioningService.ConsoleSource source) {
        if (source == null) {
            return new Shot(null, 409, ConsoleTickets.NO_SCREEN);
        }
        try {
            return new Shot(provisioning.screenshot(source), 200, null);
        } catch (DriverException e) {
            LOG.infof("screenshot of guest %s not taken: %s", source.guestId(), e.getMessage());
            return switch (e) {
                case DriverException.Conflict c -> new Shot(null, 409,
                        "The server is not running, so it has no screen. Start it to see its screen.");
                case DriverException.NotFoundOnHost n -> new Shot(null, 409,
                        "The server is not set up on its host yet.");
                case DriverException.Unsupported u -> new Shot(null, 409,
                        "This server's host cannot take a screenshot of it.");
                case DriverException.Transient t -> new Shot(null, 503,
                        "The server's host did not answer. Try again in a few seconds.");
            };
        }
    }

    private static boolean hasScreen(Server server) {
        return ConsoleKind.VNC.availableFor(server.guest.node.guestType);
    }
}
