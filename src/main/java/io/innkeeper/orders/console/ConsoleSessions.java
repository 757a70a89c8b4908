package io.innkeeper.orders.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.orders.Server;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.driver.ConsoleSink;
import io.innkeeper.provisioning.driver.ConsoleStream;
import io.innkeeper.provisioning.driver.DriverException;

/**
 * The consoles this replica holds open, each joined to its guest through provisioning. One writer per server: a new
 * session takes the console over from the one before (here by ending it with a message that says so; on another
 * replica, or {@code virsh console}, libvirt ends it). Every session is a {@link ConsoleSession} row and two audit
 * entries, {@code console.open} and {@code console.close} (with how long it lasted and why it ended). A console
 * without keyboard input for {@link ConsoleConfig#idleTimeout()} closes; an admin can end any session, on whichever
 * replica holds it (each replica looks for such requests every few seconds).
 */
@ApplicationScoped
public class ConsoleSessions {

    private static final Logger LOG = Logger.getLogger(ConsoleSessions.class);

    @Inject
    Clock clock;

    @Inject
    ConsoleConfig config;

    @Inject
    ProvisioningService provisioning;

    @Inject
    Audit audit;

    @Inject
    ConsoleHeartbeats heartbeats;

    private final Map<UUID, Live> live = new ConcurrentHashMap<>();

    /** Where a session's output and its end go: the socket it belongs to. Called without waiting. */
    public interface Client {
        void output(byte[] bytes);

        /** The session ended for {@code reason}; the client says so and disconnects. */
        void ended(String reason);
    }

    /** The console could not be joined; {@code reason} says why in words for the person. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String reason) {
            super(reason);
        }
    }

    /** An open session as an admin sees it. */
    public record OpenSession(UUID id, UUID serverId, String login, boolean admin, Instant openedAt) {
    }

    private final class Live implements ConsoleSink {
        final UUID id;
        final UUID serverId;
        final ConsoleKind kind;
        final Actor actor;
        final Client client;
        volatile ConsoleStream stream;
        volatile Instant lastInput;

        Live(UUID id, UUID serverId, ConsoleKind kind, Actor actor, Client client) {
            this.id = id;
            this.serverId = serverId;
            this.kind = kind;
            this.actor = actor;
            this.client = client;
            this.lastInput = clock.instant();
        }

        @Override
        public void output(byte[] bytes) {
            client.output(bytes);
        }

        @Override
        public void ended(String reason) {
            // On the driver's thread: the database work goes elsewhere.
            Thread.startVirtualThread(() -> finish(id, reason, true));
        }
    }

    /**
     * Opens the console a redeemed ticket grants and returns the session's id; the previous session on the server,
     * if this replica holds one, ends with a message naming who took over. {@link Unavailable} when the guest is
     * not running, its node cannot open consoles or did not answer.
     */
    public UUID open(ConsoleTickets.Grant grant, Actor actor, Client client) {
        live.values().stream().filter(l -> l.serverId.equals(grant.serverId()) && l.kind == grant.kind()).toList()
                .forEach(l -> finish(l.id, "The console was taken over by " + grant.login() + ".", true));
        UUID id = UUID.randomUUID();
        ProvisioningService.ConsoleSource source = QuarkusTransaction.requiringNew().call(() -> {
            Server server = Server.<Server>findByIdOptional(grant.serverId())
                    .orElseThrow(() -> new NotFound("server"));
            ConsoleSession session = new ConsoleSession();
            session.id = id;
            session.serverId = grant.serverId();
            session.tenantId = grant.tenantId();
            session.login = grant.login();
            session.admin = grant.admin();
            session.openedAt = clock.instant();
            session.persist();
            heartbeats.started(id);
            audit.changed(actor, new Audit.Entry("console.open", "server", grant.serverId(), grant.tenantId(), null,
                    null, Map.of("session", id, "admin", grant.admin(), "kind", grant.kind().wire())));
            return provisioning.consoleSource(server.guest);
        });
        Live session = new Live(id, grant.serverId(), grant.kind(), actor, client);
        live.put(id, session);
        try {
            session.stream = grant.kind() == ConsoleKind.VNC ? provisioning.openVnc(source, session)
                    : provisioning.openConsole(source, session);
        } catch (DriverException e) {
            String reason = switch (e) {
                case DriverException.Unsupported u when grant.kind() == ConsoleKind.VNC ->
                        "The panel cannot reach this server's screen. The screenshot below still shows it.";
                case DriverException.Transient t when grant.kind() == ConsoleKind.VNC ->
                        "The server's screen did not answer. Try again in a moment, or look at the screenshot.";
                case DriverException.Unsupported u -> "This server's host cannot open an interactive console.";
                case DriverException.Conflict c -> "The server is not running. Start it to use its console.";
                case DriverException.NotFoundOnHost n -> "The server is not set up on its host yet.";
                case DriverException.Transient t -> "The server's host did not answer. Try again in a moment.";
            };
            LOG.infof("console of server %s not opened: %s", grant.serverId(), e.getMessage());
            finish(id, reason, false);
            throw new Unavailable(reason);
        }
        if (!live.containsKey(id)) {
            // Ended (taken over, or the node closed it) while it was being opened.
            session.stream.close();
        }
        return id;
    }

    /** Keyboard input from the session's client; a session that is gone takes none. */
    public void input(UUID sessionId, byte[] bytes) {
        Live session = live.get(sessionId);
        if (session == null || session.stream == null) {
            return;
        }
        session.lastInput = clock.instant();
        try {
            session.stream.send(bytes);
        } catch (DriverException e) {
            finish(sessionId, "The console closed: the server's host stopped taking input.", true);
        }
    }

    /** The client went away (closed the page or the socket): the console is released. */
    public void closed(UUID sessionId) {
        finish(sessionId, "closed by the client", false);
    }

    /**
     * An admin ends a session: at once if this replica holds it, else by the replica that does, within a few
     * seconds. Audited; {@link NotFound} for a session that is not open.
     */
    public void end(Actor admin, UUID sessionId) {
        QuarkusTransaction.requiringNew().run(() -> {
            ConsoleSession row = ConsoleSession.<ConsoleSession>findByIdOptional(sessionId)
                    .filter(s -> s.closedAt == null).orElseThrow(() -> new NotFound("console session"));
            row.endRequestedBy = admin.login();
            audit.changed(admin, new Audit.Entry("console.end", "server", row.serverId, row.tenantId, null, null,
                    Map.of("session", sessionId, "login", row.login)));
        });
        if (live.containsKey(sessionId)) {
            finish(sessionId, "An administrator ended this console session.", true);
        }
    }

    /** The sessions open on a server, on any replica, oldest first. */
    public List<OpenSession> openOn(UUID serverId) {
        return QuarkusTransaction.joiningExisting().call(() -> ConsoleSession.<ConsoleSession>list(
                "serverId = ?1 and closedAt is null order by openedAt", serverId).stream()
                .map(s -> new OpenSession(s.id, s.serverId, s.login, s.admin, s.openedAt)).toList());
    }

    /**
     * Shows this replica's sessions alive, closes those of replicas that died ({@link ConsoleHeartbeats}), and
     * closes idle sessions and those an admin ended through another replica.
     */
    @Scheduled(every = "${innkeeper.console.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        List<UUID> held = List.copyOf(live.keySet());
        Set<UUID> onRecord = heartbeats.beat(held);
        held.stream().filter(id -> !onRecord.contains(id)).forEach(id -> finish(id,
                "The console closed: this panel replica was too slow to show it was alive.", true));
        heartbeats.endStale().forEach(e -> LOG.infof("console session %s of %s on server %s closed as stale at %s",
                e.id(), e.login(), e.serverId(), e.closedAt()));
        if (live.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Duration limit = config.idleTimeout();
        live.values().stream().filter(l -> ConsoleRules.idle(l.lastInput, now, limit)).toList()
                .forEach(l -> finish(l.id, "The console closed after " + limit.toMinutes()
                        + " minutes without input.", true));
        List<UUID> ended = QuarkusTransaction.requiringNew().call(() -> ConsoleSession.<ConsoleSession>list(
                "id in ?1 and endRequestedBy is not null", List.copyOf(live.keySet())).stream()
                .map(s -> s.id).toList());
        ended.forEach(id -> finish(id, "An administrator ended this console session.", true));
    }

    /** Ends a session once: the stream closes, the client hears why (when told to), the row and audit close it. */
    private void finish(UUID sessionId, String reason, boolean tellClient) {
        Live session = live.remove(sessionId);
        if (session == null) {
            return;
        }
        if (session.stream != null) {
            session.stream.close();
        }
        if (tellClient) {
            session.client.ended(reason);
        }
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            ConsoleSession row = ConsoleSession.findById(sessionId);
            if (row == null || row.closedAt != null) {
                return;
            }
            heartbeats.stopped(sessionId);
            row.closedAt = now;
            row.closeReason = reason.length() > 200 ? reason.substring(0, 200) : reason;
            audit.changed(session.actor, new Audit.Entry("console.close", "server", row.serverId, row.tenantId,
                    row.closeReason, null, Map.of("session", sessionId,
                            "seconds", Duration.between(row.openedAt, now).toSeconds())));
        });
    }
}
