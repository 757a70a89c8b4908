package io.innkeeper.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.catalog.PlanSpec;
import io.innkeeper.kernel.ChangeLog;
import io.innkeeper.provisioning.ip.IpPoolAdmin;
import io.innkeeper.provisioning.node.NodeCapacity;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.provisioning.template.OsTemplates;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Memberships;
import io.innkeeper.tenancy.Openings;
import io.innkeeper.tenancy.TenantKind;

/**
 * Demo data for {@code bin/run}: one region with a node on libvirt's test driver, two plans, two templates, a
 * reseller with one customer and a direct customer. The logins match the demo users of the Keycloak realm.
 * Loaded once; a database that already has a region is left alone.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    @ConfigProperty(name = "innkeeper.demo-data.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "innkeeper.demo-data.node-uri", defaultValue = "test:///default")
    String nodeUri;

    @Inject
    Clock clock;

    @Inject
    QuotaService quotas;

    @Inject
    Nodes nodes;

    @Inject
    IpPoolAdmin pools;

    @Inject
    PlanCatalog plans;

    @Inject
    OsTemplates templates;

    @Inject
    Audit audit;

    @Inject
    Openings openings;

    @Inject
    Memberships memberships;

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            load();
        }
    }

    /**
     * Loads the demo through the modules' use cases, each in its own transaction (a node is saved only after its
     * connection test, which runs outside any). The region is made first, so a load that fails halfway is not
     * repeated over what it made; drop the database to start again.
     */
    public void load() {
        if (nodes.regions().stream().anyMatch(r -> r.code().equals("eu-central"))) {
            LOG.info("demo data: already loaded, left as it is");
            return;
        }
        ChangeLog log = audit.by(Actor.SYSTEM);
        UUID region = nodes.addRegion(log, new Nodes.AddRegion("eu-central", "Frankfurt (eu-central)"));
        UUID node = nodes.register(log, new Nodes.RegisterNode("fra-node-1", region, "kvm", nodeUri, 32, 65536,
                1000));
        Nodes.NodeRow registered = nodes.get(node);
        NodeCapacity capacity = registered.capacity();
        nodes.edit(log, new Nodes.EditNode(node, registered.name(), region, capacity.vcpus(), capacity.memoryMib(),
                capacity.diskGib(), new BigDecimal("4"), capacity.memoryOvercommit(), capacity.maxGuests()));

        pools.create(log, new IpPoolAdmin.CreatePool(region, 4, "203.0.113.0/24", "203.0.113.1"));
        pools.create(log, new IpPoolAdmin.CreatePool(region, 6, "2001:db8:100::/48", "2001:db8:100::1"));

        plan("s-1", "Starter", 1, 1024, 25, "0.0070", "4.50");
        plan("s-2", "Standard", 2, 4096, 80, "0.0250", "16.00");
        template(log, "debian-12", "Debian 12", "debian-12.qcow2");
        template(log, "ubuntu-24-04", "Ubuntu 24.04 LTS", "ubuntu-24.04.qcow2");

        QuarkusTransaction.requiringNew().run(() -> {
            UUID rita = tenant("Rita Hosting Ltd", TenantKind.RESELLER, null, "rita");
            UUID carol = tenant("Carol's Bakery", TenantKind.CUSTOMER, rita, "carol");
            UUID dave = tenant("Dave Direct", TenantKind.CUSTOMER, null, "dave");
            memberships.join(Actor.SYSTEM, dave, "frank", MemberRole.READ_ONLY);
            quotas.set(Actor.SYSTEM, rita, new QuotaLimits(20, 32, 65536, 1000, 20, 40, null, null, null));
            quotas.set(Actor.SYSTEM, carol, new QuotaLimits(5, 8, 16384, 250, 5, 10, null, null, null));
        });
        LOG.infof("demo data loaded: region eu-central, node fra-node-1 on %s", nodeUri);
    }

    /** Publishes the plan; a database that has the same plan already keeps it as it is. */
    private void plan(String code, String name, int vcpus, int memoryMib, int diskGib, String hourly, String cap) {
        plans.publish(Actor.SYSTEM, new PlanSpec(code, name, "kvm,xen,lxc,openvz", vcpus, memoryMib, diskGib, 1000,
                1000, null, null, 1024, null, new BigDecimal(hourly), new BigDecimal(cap), "EUR", true));
    }

    /** Adds the template unless one with its code exists. */
    private void template(ChangeLog log, String code, String name, String image) {
        if (templates.list().stream().noneMatch(t -> t.code().equals(code))) {
            templates.save(log, new OsTemplates.SaveTemplate(null, code, name, "kvm,xen,lxc,openvz", image, true));
        }
    }

    private UUID tenant(String name, TenantKind kind, UUID parent, String ownerLogin) {
        return openings.open(Actor.SYSTEM, new Openings.Opening(kind, name, parent, "EUR", "Europe/Berlin", "DE",
                false), ownerLogin);
    }
}
