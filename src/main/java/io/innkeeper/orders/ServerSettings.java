package io.innkeeper.orders;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.Hostnames;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.tenancy.Scope;

/** A server's names: its hostname in the panel and the reverse DNS (PTR) name of each of its addresses. */
@ApplicationScoped
public class ServerSettings {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ServerQueries servers;

    @Inject
    Audit audit;

    /** Renames the server in the panel; the name must be a valid hostname, unique among the tenant's servers. */
    @Transactional
    public void rename(Actor actor, Scope scope, UUID serverId, String rawHostname) {
        Server server = servers.get(scope, serverId);
        String hostname = Hostnames.normalise(rawHostname);
        Hostnames.problem(hostname).ifPresent(p -> {
            throw InvalidInput.of("hostname", p);
        });
        if (hostname.equals(server.hostname)) {
            return;
        }
        if (Server.count("tenant.id = ?1 and hostname = ?2 and deletedAt is null", server.tenant.id, hostname) > 0) {
            throw InvalidInput.of("hostname", "You already have a server called " + hostname + ".");
        }
        String before = server.hostname;
        server.hostname = hostname;
        audit.changed(actor, new Audit.Entry("server.rename", "server", server.id, server.tenant.id, hostname,
                Map.of("hostname", before), Map.of("hostname", hostname)));
    }

    /** The PTR names set for the server's current addresses, by address. */
    @Transactional
    public Map<String, String> reverseDns(Server server) {
        Map<String, String> names = new LinkedHashMap<>();
        ReverseDns.<ReverseDns>list("serverId", server.id).forEach(r -> names.put(r.address, r.ptr));
        return names;
    }

    /**
     * Sets the PTR name of one of the server's addresses; an empty name removes it (the provider's default
     * answers again). A trailing dot is accepted and dropped.
     */
    @Transactional
    public void setReverseDns(Actor actor, Scope scope, UUID serverId, String address, String rawPtr) {
        Server server = servers.get(scope, serverId);
        List<Address> addresses = servers.addresses(server);
        String ip = address == null ? "" : address.strip();
        if (addresses.stream().noneMatch(a -> a.address().equals(ip))) {
            throw InvalidInput.of("address", "Choose one of this server's addresses.");
        }
        String ptr = Hostnames.normalise(rawPtr);
        if (ptr.endsWith(".")) {
            ptr = ptr.substring(0, ptr.length() - 1);
        }
        ReverseDns row = em.find(ReverseDns.class, ip);
        String before = row == null || !row.serverId.equals(server.id) ? null : row.ptr;
        if (ptr.isEmpty()) {
            if (row != null) {
                em.remove(row);
            }
        } else {
            String name = ptr;
            Hostnames.problem(name).ifPresent(p -> {
                throw InvalidInput.of("ptr", p);
            });
            if (!name.contains(".")) {
                throw InvalidInput.of("ptr", "A reverse DNS name is a full domain name, such as mail.example.com.");
            }
            boolean fresh = row == null;
            if (fresh) {
                row = new ReverseDns();
                row.address = ip;
            }
            row.serverId = server.id;
            row.ptr = name;
            row.updatedAt = clock.instant();
            if (fresh) {
                em.persist(row);
            }
        }
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("address", ip);
        was.put("ptr", before);
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("address", ip);
        now.put("ptr", ptr.isEmpty() ? null : ptr);
        audit.changed(actor, new Audit.Entry("server.reverse-dns", "server", server.id, server.tenant.id, ip, was,
                now));
    }
}
