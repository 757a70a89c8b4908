package io.innkeeper.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import io.innkeeper.audit.Actor;
import io.innkeeper.catalog.Plan;
import io.innkeeper.provisioning.ip.IpPools;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.provisioning.template.OsTemplate;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Membership;
import io.innkeeper.tenancy.Tenant;
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
    IpPools ipPools;

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            load();
        }
    }

    @Transactional
    public void load() {
        if (Region.count("code", "eu-central") > 0) {
            LOG.info("demo data: already loaded, left as it is");
            return;
        }
        Region region = new Region();
        region.id = UUID.randomUUID();
        region.code = "eu-central";
        region.name = "Frankfurt (eu-central)";
        region.persist();

        Node node = new Node();
        node.id = UUID.randomUUID();
        node.region = region;
        node.name = "fra-node-1";
        node.guestType = "kvm";
        node.libvirtUri = nodeUri;
        node.vcpus = 32;
        node.memoryMib = 65536;
        node.diskGib = 1000;
        node.cpuOvercommit = new BigDecimal("4");
        node.createdAt = clock.instant();
        node.persist();

        ipPools.createIpv4(region.id, "203.0.113.0/24", "203.0.113.1");
        ipPools.createIpv6(region.id, "2001:db8:100::/48", "2001:db8:100::1");

        plan("s-1", "Starter", 1, 1024, 25, "0.0070", "4.50");
        plan("s-2", "Standard", 2, 4096, 80, "0.0250", "16.00");
        template("debian-12", "Debian 12", "debian-12.qcow2");
        template("ubuntu-24-04", "Ubuntu 24.04 LTS", "ubuntu-24.04.qcow2");

        Tenant rita = tenant("Rita Hosting Ltd", TenantKind.RESELLER, null, "rita");
        Tenant carol = tenant("Carol's Bakery", TenantKind.CUSTOMER, rita, "carol");
        Tenant dave = tenant("Dave Direct", TenantKind.CUSTOMER, null, "dave");
        member(dave, "frank", MemberRole.READ_ONLY);
        quotas.set(Actor.SYSTEM, rita.id, new QuotaLimits(20, 32, 65536, 1000, 20, 40, null, null, null));
        quotas.set(Actor.SYSTEM, carol.id, new QuotaLimits(5, 8, 16384, 250, 5, 10, null, null, null));
        LOG.infof("demo data loaded: region %s, node %s on %s", region.code, node.name, nodeUri);
    }

    private void plan(String code, String name, int vcpus, int memoryMib, int diskGib, String hourly, String cap) {
        Plan plan = new Plan();
        plan.id = UUID.randomUUID();
        plan.code = code;
        plan.name = name;
        plan.guestTypes = "kvm,xen,lxc,openvz";
        plan.createdAt = clock.instant();
        plan.vcpus = vcpus;
        plan.memoryMib = memoryMib;
        plan.diskGib = diskGib;
        plan.hourlyPrice = new BigDecimal(hourly);
        plan.monthlyCap = new BigDecimal(cap);
        plan.currency = "EUR";
        plan.persist();
    }

    private void template(String code, String name, String image) {
        OsTemplate template = new OsTemplate();
        template.id = UUID.randomUUID();
        template.code = code;
        template.name = name;
        template.guestTypes = "kvm,xen,lxc,openvz";
        template.image = image;
        template.persist();
    }

    private Tenant tenant(String name, TenantKind kind, Tenant parent, String ownerLogin) {
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID();
        tenant.name = name;
        tenant.kind = kind;
        tenant.parent = parent;
        tenant.currency = "EUR";
        tenant.timeZone = "Europe/Berlin";
        tenant.createdAt = clock.instant();
        tenant.persist();
        member(tenant, ownerLogin, MemberRole.OWNER);
        return tenant;
    }

    private void member(Tenant tenant, String login, MemberRole role) {
        Membership member = new Membership();
        member.id = UUID.randomUUID();
        member.tenant = tenant;
        member.login = login;
        member.role = role;
        member.createdAt = clock.instant();
        member.persist();
    }
}
