package io.innkeeper.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.catalog.Plan;
import io.innkeeper.provisioning.ip.IpPool;
import io.innkeeper.provisioning.ip.IpPools;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.provisioning.template.OsTemplate;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Membership;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantKind;

/**
 * Test data made through the real entities. Catalog rows are shared and created once per run; tenants are
 * found or created by login, so test classes can run in any order against the same database.
 */
@ApplicationScoped
public class Fixtures {

    /** The catalog a test orders from. */
    public record Catalog(UUID region, UUID node, UUID plan, UUID template) {
    }

    @Inject
    IpPools ipPools;

    /** A region made for one test, and its nodes in the order made. */
    public record TestRegion(UUID region, java.util.List<UUID> nodes) {
    }

    /**
     * A region of its own with {@code count} KVM nodes on libvirt's test driver ({@code <code>-node-<i>}), each of
     * this size and CPU overcommit.
     */
    @Transactional
    public TestRegion region(String code, int count, int vcpus, long memoryMib, long diskGib,
            java.math.BigDecimal cpuOvercommit) {
        Region region = new Region();
        region.id = UUID.randomUUID();
        region.code = code;
        region.name = code;
        region.persist();
        java.util.List<UUID> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            Node node = new Node();
            node.id = UUID.randomUUID();
            node.region = region;
            node.name = code + "-node-" + i;
            node.guestType = "kvm";
            node.libvirtUri = "test:///default";
            node.vcpus = vcpus;
            node.memoryMib = memoryMib;
            node.diskGib = diskGib;
            node.cpuOvercommit = cpuOvercommit;
            node.createdAt = Instant.now();
            node.persist();
            nodes.add(node.id);
        }
        return new TestRegion(region.id, java.util.List.copyOf(nodes));
    }

    /** The KVM plan with this code, made on first use with these sizes and prices (EUR). */
    @Transactional
    public Plan plan(String code, String name, int vcpus, int memoryMib, int diskGib, String hourly, String cap) {
        return Plan.<Plan>find("code", code).firstResultOptional().orElseGet(() -> {
            Plan p = new Plan();
            p.id = UUID.randomUUID();
            p.code = code;
            p.name = name;
            p.guestTypes = "kvm";
            p.createdAt = Instant.now();
            p.vcpus = vcpus;
            p.memoryMib = memoryMib;
            p.diskGib = diskGib;
            p.hourlyPrice = new BigDecimal(hourly);
            p.monthlyCap = new BigDecimal(cap);
            p.currency = "EUR";
            p.persist();
            return p;
        });
    }

    /** A plan one step above the catalog's "Test One", for resizes: 2 vCPU, 1024 MiB, 20 GiB; its id. */
    public String biggerPlan() {
        return plan("n1-t-2", "Test Two", 2, 1024, 20, "0.0100", "6.00").id.toString();
    }

    @Transactional
    public Catalog catalog() {
        Region region = Region.<Region>find("code", "test-region").firstResultOptional().orElseGet(() -> {
            Region r = new Region();
            r.id = UUID.randomUUID();
            r.code = "test-region";
            r.name = "Test Region";
            r.persist();
            return r;
        });
        Node node = Node.<Node>find("name", "test-node-1").firstResultOptional().orElseGet(() -> {
            Node n = new Node();
            n.id = UUID.randomUUID();
            n.region = region;
            n.name = "test-node-1";
            n.guestType = "kvm";
            n.libvirtUri = "test:///default";
            n.vcpus = 1000;
            n.memoryMib = 4_000_000;
            n.diskGib = 100_000;
            n.createdAt = Instant.now();
            n.persist();
            return n;
        });
        Plan plan = plan("t-1", "Test One", 1, 512, 10, "0.0050", "3.00");
        OsTemplate template = OsTemplate.<OsTemplate>find("code", "t-debian").firstResultOptional().orElseGet(() -> {
            OsTemplate t = new OsTemplate();
            t.id = UUID.randomUUID();
            t.code = "t-debian";
            t.name = "Test Debian";
            t.guestTypes = "kvm,lxc";
            t.image = "debian-12.qcow2";
            t.persist();
            return t;
        });
        if (IpPool.count("region.id", region.id) == 0) {
            ipPools.createIpv4(region.id, "198.51.100.0/22", "198.51.100.1");
            ipPools.createIpv6(region.id, "2001:db8:200::/48", "2001:db8:200::1");
        }
        return new Catalog(region.id, node.id, plan.id, template.id);
    }

    /** The tenant whose owner is {@code login}, created on first use. */
    @Transactional
    public UUID tenantOf(String login, TenantKind kind, UUID parent) {
        return Membership.forLogin(login).map(m -> underParent(m.tenant, parent)).orElseGet(() -> {
            Tenant t = new Tenant();
            t.id = UUID.randomUUID();
            t.name = "Tenant of " + login;
            t.kind = kind;
            t.parent = parent == null ? null : Tenant.findById(parent);
            t.currency = "EUR";
            t.timeZone = "UTC";
            t.createdAt = Instant.now();
            t.persist();
            Membership m = new Membership();
            m.id = UUID.randomUUID();
            m.tenant = t;
            m.login = login;
            m.role = MemberRole.OWNER;
            m.createdAt = Instant.now();
            m.persist();
            return t.id;
        });
    }

    /**
     * The login's tenant under {@code parent}, moved there if another test (or the demo data, which makes its own
     * rita and carol) left it under another reseller: the caller asked for this login under this parent.
     */
    private static UUID underParent(Tenant tenant, UUID parent) {
        UUID current = tenant.parent == null ? null : tenant.parent.id;
        if (!java.util.Objects.equals(current, parent)) {
            tenant.parent = parent == null ? null : Tenant.findById(parent);
        }
        return tenant.id;
    }

    /** Puts {@code login} into the tenant with the role, moving it there if it belonged elsewhere. */
    @Transactional
    public UUID member(String login, UUID tenantId, MemberRole role) {
        Membership m = Membership.forLogin(login).orElseGet(() -> {
            Membership n = new Membership();
            n.id = UUID.randomUUID();
            n.login = login;
            n.createdAt = Instant.now();
            return n;
        });
        m.tenant = Tenant.findById(tenantId);
        m.role = role;
        m.persist();
        return m.id;
    }

    public UUID customer(String login) {
        return tenantOf(login, TenantKind.CUSTOMER, null);
    }

    /** A unique hostname, so tests never collide with each other's servers. */
    public static String hostname(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    }
}
