package io.innkeeper.orders.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.PlaceServer;
import io.innkeeper.orders.Server;
import io.innkeeper.orders.ServerActions;
import io.innkeeper.orders.ServerQueries;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.backup.BackupSchedule;
import io.innkeeper.provisioning.backup.BackupTargets;
import io.innkeeper.provisioning.backup.GuestBackup;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Scope;

/**
 * Backups for customers, the one way into them for the portal and the API: list a server's backups, take one now
 * (kept off the server's node, in its region's backup storage; a running server keeps running), restore one in
 * place (the disk is replaced, addresses and settings stay), delete one. A server keeps its region's
 * {@code keep} newest backups; a new one past that removes the oldest. Another account's server or backup answers
 * {@link NotFound}; a read-only member is refused before this by {@code ReadOnlyGuard}.
 */
@ApplicationScoped
public class ServerBackups {

    @Inject
    ServerQueries servers;

    @Inject
    ProvisioningService provisioning;

    @Inject
    BackupTargets targets;

    @Inject
    Audit audit;

    @Inject
    PlaceServer placeServer;

    /** One backup as customers see it. {@code consistency} is CRASH (taken running), CLEAN (taken stopped) or NO_DATA. */
    public record Backup(UUID id, UUID serverId, String state, String trigger, Instant createdAt, Instant finishedAt,
            long sizeBytes, String sha256, String consistency) {

        static Backup of(UUID serverId, GuestBackup b) {
            return new Backup(b.id, serverId, b.state.name(), b.trigger.name(), b.createdAt, b.finishedAt,
                    b.sizeBytes, b.sha256, b.consistency == null ? null : b.consistency.name());
        }

        public boolean ready() {
            return GuestBackup.State.READY.name().equals(state);
        }

        /** How the copy was taken, in words. */
        public String copyLabel() {
            return consistency == null ? "" : switch (GuestBackup.Consistency.valueOf(consistency)) {
                case CRASH -> "Taken while running";
                case CLEAN -> "Taken while stopped";
                case NO_DATA -> "Nothing to copy on this host";
            };
        }
    }

    /**
     * A server's backups with what this person may do: {@code unavailable} says why the server cannot be backed up
     * at all, {@code busy} why not now (its state); {@code canTake} and {@code canRestore} decide the buttons.
     */
    public record View(UUID serverId, String hostname, List<Backup> backups, int keep, String unavailable,
            String busy, boolean canTake, boolean canRestore, Schedule schedule, boolean canSchedule) {

        /** Whether a backup is still being made (the page refreshes itself until none is). */
        public boolean inProgress() {
            return backups.stream().anyMatch(b -> !b.ready());
        }
    }

    @Transactional
    public View view(Scope scope, MemberRole role, UUID serverId) {
        Server server = servers.get(scope, serverId);
        UUID id = server.id;
        List<Backup> backups = provisioning.backups(id).stream().map(b -> Backup.of(id, b)).toList();
        Optional<String> unavailable = unavailable(server);
        Optional<String> busy = busy(server, ServerActions.Action.BACKUP);
        boolean mayChange = role != null && role.canChange();
        return new View(id, server.hostname, backups, targets.keep(), unavailable.orElse(null), busy.orElse(null),
                mayChange && unavailable.isEmpty() && busy.isEmpty(),
                mayChange && busy.isEmpty() && backups.stream().anyMatch(Backup::ready), schedule(id),
                mayChange && unavailable.isEmpty());
    }

    @Transactional
    public List<Backup> list(Scope scope, UUID serverId) {
        Server server = servers.get(scope, serverId);
        return provisioning.backups(server.id).stream().map(b -> Backup.of(server.id, b)).toList();
    }

    /** One backup of the server; another server's or account's, or a deleted one, is {@link NotFound}. */
    @Transactional
    public Backup get(Scope scope, UUID serverId, UUID backupId) {
        Server server = servers.get(scope, serverId);
        return provisioning.backups(server.id).stream().filter(b -> b.id.equals(backupId)).findFirst()
                .map(b -> Backup.of(server.id, b)).orElseThrow(() -> new NotFound("backup"));
    }

    /** Takes a backup now; {@link InvalidInput} on {@code form} says why not (no storage, a container, busy). */
    @Transactional
    public Backup take(Actor actor, Scope scope, UUID serverId) {
        Server server = servers.get(scope, serverId);
        Optional<String> why = unavailable(server).or(() -> busy(server, ServerActions.Action.BACKUP));
        if (why.isPresent()) {
            throw InvalidInput.of("form", why.get());
        }
        GuestBackup backup;
        try {
            backup = provisioning.backup(server.id, targets.forRegion(server.region.code).orElseThrow(),
                    GuestBackup.Trigger.MANUAL);
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", e.getMessage());
        }
        audit.changed(actor, new Audit.Entry("backup.create", "server", server.id, server.tenant.id,
                backup.id.toString(), null, null));
        return Backup.of(server.id, backup);
    }

    /** Restores a finished backup in place; what the disk holds now is lost. */
    @Transactional
    public void restore(Actor actor, Scope scope, UUID serverId, UUID backupId) {
        Backup backup = get(scope, serverId, backupId);
        Server server = servers.get(scope, serverId);
        Optional<String> why = busy(server, ServerActions.Action.RESTORE)
                .or(() -> backup.ready() ? Optional.empty()
                        : Optional.of("This backup is not finished yet, so it cannot be restored."));
        if (why.isPresent()) {
            throw InvalidInput.of("form", why.get());
        }
        try {
            provisioning.restoreBackup(server.id, backupId);
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", e.getMessage());
        }
        audit.changed(actor, new Audit.Entry("backup.restore", "server", server.id, server.tenant.id,
                backupId.toString(), null, null));
    }

    /**
     * Orders a new server from a finished backup: a normal order (quota, placement, price) of the backed-up server's
     * plan, template and region, for its account, named {@code hostname}, whose disk is the backup's copy. The new
     * server lands on any node of the region with room, so this works when the original's node is gone. Answers the
     * new server's id; refusals are the order's own, naming the field.
     */
    @Transactional
    public UUID restoreToNew(Actor actor, Scope scope, UUID serverId, UUID backupId, String hostname,
            String idempotencyKey) {
        Backup backup = get(scope, serverId, backupId);
        if (!backup.ready()) {
            throw InvalidInput.of("form", "This backup is not finished yet, so no server can be made from it.");
        }
        Server server = servers.get(scope, serverId);
        OrderRequest order = new OrderRequest(hostname, server.region.id.toString(), server.plan.id.toString(),
                server.template.id.toString(), server.guest.node.guestType, idempotencyKey);
        PlaceServer.Result placed = placeServer.place(new PlaceServer.Command(actor, Scope.of(server.tenant.id),
                order, backupId));
        if (!placed.replayed()) {
            audit.changed(actor, new Audit.Entry("backup.restore-to-new", "server", placed.serverId(),
                    server.tenant.id, backupId.toString(), null, java.util.Map.of("from", server.id.toString())));
        }
        return placed.serverId();
    }

    /** Deletes a finished backup; its copy is removed from the backup storage shortly after. */
    @Transactional
    public void delete(Actor actor, Scope scope, UUID serverId, UUID backupId) {
        Backup backup = get(scope, serverId, backupId);
        if (!backup.ready()) {
            throw InvalidInput.of("form", "This backup is still being made; delete it once it is finished.");
        }
        provisioning.deleteBackup(serverId, backupId);
        audit.changed(actor, new Audit.Entry("backup.delete", "server", serverId,
                servers.get(scope, serverId).tenant.id, backupId.toString(), null, null));
    }

    /**
     * Automatic backups: {@code every} is OFF, DAILY or WEEKLY, from {@code hourUtc}; {@code missed} says why the
     * last one due could not be taken, until one is.
     */
    public record Schedule(String every, int hourUtc, Instant lastTakenAt, Instant missedAt, String missed) {

        static final Schedule OFF = new Schedule("OFF", 0, null, null, null);

        public boolean on() {
            return !"OFF".equals(every);
        }
    }

    @Transactional
    public Schedule schedule(Scope scope, UUID serverId) {
        return schedule(servers.get(scope, serverId).id);
    }

    /**
     * Sets automatic backups: {@code every} OFF, DAILY or WEEKLY (case does not matter), starting in the hour
     * {@code hourUtc} (0 to 23, UTC). {@link InvalidInput} names a wrong field; turning them on for a server that
     * cannot be backed up is refused on {@code every} with the reason.
     */
    @Transactional
    public Schedule setSchedule(Actor actor, Scope scope, UUID serverId, String every, Integer hourUtc) {
        Server server = servers.get(scope, serverId);
        String wanted = every == null ? "" : every.strip().toUpperCase(java.util.Locale.ROOT);
        if (!List.of("OFF", "DAILY", "WEEKLY").contains(wanted)) {
            throw InvalidInput.of("every", "Choose OFF, DAILY or WEEKLY.");
        }
        if ("OFF".equals(wanted)) {
            provisioning.unscheduleBackups(server.id);
        } else {
            if (hourUtc == null || hourUtc < 0 || hourUtc > 23) {
                throw InvalidInput.of("hourUtc", "Give the hour backups start in, 0 to 23 (UTC).");
            }
            Optional<String> why = unavailable(server);
            if (why.isPresent()) {
                throw InvalidInput.of("every", why.get());
            }
            provisioning.scheduleBackups(server.id, BackupSchedule.Every.valueOf(wanted), hourUtc);
        }
        audit.changed(actor, new Audit.Entry("backup.schedule", "server", server.id, server.tenant.id, wanted, null,
                "OFF".equals(wanted) ? null : java.util.Map.of("every", wanted, "hourUtc", hourUtc)));
        return schedule(server.id);
    }

    private Schedule schedule(UUID serverId) {
        return provisioning.backupSchedule(serverId).map(s -> new Schedule(s.every.name(), s.hourUtc, s.lastTakenAt,
                s.missed() ? s.lastMissedAt : null, s.missed() ? s.missedReason : null)).orElse(Schedule.OFF);
    }

    private Optional<String> unavailable(Server server) {
        return targets.unavailable(server.guest.node.guestType, server.region.code);
    }

    private static Optional<String> busy(Server server, ServerActions.Action action) {
        if (server.guest.inRescue()) {
            return Optional.of("This server is in rescue mode; leave rescue mode first.");
        }
        return ServerActions.stateRefusal(action, server.guest.status);
    }
}
