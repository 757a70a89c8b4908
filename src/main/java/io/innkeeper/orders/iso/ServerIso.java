package io.innkeeper.orders.iso;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.security.ForbiddenException;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.orders.OrderService;
import io.innkeeper.orders.Server;
import io.innkeeper.orders.ServerQueries;
import io.innkeeper.provisioning.iso.GuestCdroms;
import io.innkeeper.provisioning.iso.IsoLibrary;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Scope;

/**
 * A customer's use cases for a server's CD-ROM: see it with the ISOs on offer, insert one, eject it, and choose
 * whether the next start boots from it. Each change is checked by {@link IsoRules}, audited, and queued as a job.
 * A server outside the scope is 404; a refused person 403 (audited); a server that cannot change now, or a bad
 * choice, 400 naming the field.
 */
@ApplicationScoped
public class ServerIso {

    @Inject
    ServerQueries servers;

    @Inject
    GuestCdroms cdroms;

    @Inject
    IsoLibrary library;

    @Inject
    Audit audit;

    /** Where the next start boots from. */
    public enum BootFrom {
        DISK,
        CDROM
    }

    /**
     * The drive as a page or the API shows it, the ISOs of the server's region, and why this person cannot change it
     * (empty when they can).
     */
    public record View(UUID serverId, String hostname, GuestCdroms.CdromState drive, List<IsoLibrary.IsoRow> available,
            Optional<String> refusal) {

        public boolean canChange() {
            return refusal.isEmpty();
        }

        public BootFrom bootFrom() {
            return drive.bootFromCdrom() ? BootFrom.CDROM : BootFrom.DISK;
        }
    }

    @Transactional
    public View view(Scope scope, MemberRole role, UUID serverId) {
        Server server = servers.get(scope, serverId);
        return new View(server.id, server.hostname, cdroms.state(server.guest.id), library.inRegion(server.region.id),
                IsoRules.refusal(role, OrderService.standing(server.tenant), server.guest.node.guestType,
                        server.guest.status));
    }

    @Transactional(dontRollbackOn = ForbiddenException.class)
    public void insert(Actor actor, Scope scope, MemberRole role, UUID serverId, UUID isoId) {
        Server server = checked(actor, scope, role, serverId, "server.iso-insert", "isoId");
        String name = cdroms.insert(server.guest.id, isoId);
        audit.changed(actor, entry("server.iso-insert", server, name, Map.of("iso", isoId)));
    }

    @Transactional(dontRollbackOn = ForbiddenException.class)
    public void eject(Actor actor, Scope scope, MemberRole role, UUID serverId) {
        Server server = checked(actor, scope, role, serverId, "server.iso-eject", "iso");
        if (server.guest.cdromIso == null) {
            throw InvalidInput.of("iso", "The CD-ROM drive is empty already.");
        }
        String was = server.guest.cdromIso.name;
        cdroms.eject(server.guest.id);
        audit.changed(actor, entry("server.iso-eject", server, was, null));
    }

    @Transactional(dontRollbackOn = ForbiddenException.class)
    public void bootFrom(Actor actor, Scope scope, MemberRole role, UUID serverId, BootFrom bootFrom) {
        if (bootFrom == null) {
            throw InvalidInput.of("bootFrom", "Choose DISK or CDROM.");
        }
        Server server = checked(actor, scope, role, serverId, "server.boot-device", "bootFrom");
        cdroms.bootFrom(server.guest.id, bootFrom == BootFrom.CDROM);
        audit.changed(actor, entry("server.boot-device", server, bootFrom.name(), Map.of("bootFrom",
                bootFrom.name())));
    }

    /** The server, once {@link IsoRules} allow the change: 403 (audited) for the person, 400 for the server. */
    private Server checked(Actor actor, Scope scope, MemberRole role, UUID serverId, String action, String field) {
        Server server = servers.get(scope, serverId);
        Optional<String> person = IsoRules.personRefusal(role, OrderService.standing(server.tenant));
        if (person.isPresent()) {
            audit.refused(actor, entry(action, server, person.get(), null));
            throw new ForbiddenException(person.get());
        }
        Optional<String> now = IsoRules.serverRefusal(server.guest.node.guestType, server.guest.status);
        if (now.isPresent()) {
            throw InvalidInput.of(field, now.get());
        }
        return server;
    }

    private static Audit.Entry entry(String action, Server server, String detail, Object after) {
        return new Audit.Entry(action, "server", server.id, server.tenant.id, detail, null, after);
    }
}
