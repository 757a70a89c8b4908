package io.innkeeper.portal.admin.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.catalog.Plan;
import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.catalog.PlanSpec;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.HypervisorDrivers;
import io.innkeeper.provisioning.ip.IpPools;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.provisioning.template.OsTemplate;

/** Plans (through {@link PlanCatalog}), IP pools and OS templates, as an admin changes them. */
@ApplicationScoped
public class CatalogAdmin {

    /** The largest IPv4 pool made in one go: every address is a row. */

    /** A pool and how many of its addresses servers hold. */
    public record PoolRow(UUID id, String region, int family, String network, String gateway, long used,
            long rows, String name, String dnsServers) {

        /** The pool's name, or its network while it has none. */
        public String label() {
            return name == null ? network : name;
        }

        /** The DNS servers as a form shows them. */
        public String dnsList() {
            return dnsServers.replace(",", ", ");
        }
    }

    /** An address held by a server. */
    public record Held(String address, UUID serverId, String hostname, UUID tenantId, String tenant) {
    }

    @Inject
    PlanCatalog plans;

    @Inject
    IpPools ipPools;

    @Inject
    HypervisorDrivers drivers;

    @Inject
    EntityManager em;

    @Inject
    Audit audit;

    public Set<String> guestTypes() {
        return new TreeSet<>(drivers.guestTypes());
    }

    /** The current version of every plan, on sale or not. */
    public List<Plan> currentPlans() {
        return Plan.list("retiredAt is null order by code");
    }

    public List<Plan> versions(String code) {
        List<Plan> all = Plan.list("code = ?1 order by version desc", code);
        if (all.isEmpty()) {
            throw new NotFound("plan");
        }
        return all;
    }

    /** Publishes a new plan; a code in use is refused, so a typo cannot silently edit another plan. */
    public Plan create(Actor actor, PlanForm form) {
        PlanSpec spec = form.parse(guestTypes());
        if (Plan.count("code", spec.code()) > 0) {
            throw InvalidInput.of("code", "A plan with code " + spec.code() + " exists already; edit that one.");
        }
        return plans.publish(actor, spec);
    }

    /** Publishes the next version of plan {@code code}; servers on earlier versions keep theirs. */
    public Plan edit(Actor actor, String code, PlanForm form) {
        versions(code);
        PlanForm same = new PlanForm(code, form.name(), form.guestTypes(), form.vcpus(), form.memoryMib(),
                form.diskGib(), form.trafficGb(), form.portMbit(), form.diskIops(), form.diskMbyteS(),
                form.cpuShares(), form.cpuCapPercent(), form.hourlyPrice(), form.monthlyCap(), form.currency(),
                form.onSale());
        return plans.publish(actor, same.parse(guestTypes()));
    }

    public Plan retire(Actor actor, String code) {
        return plans.retireFromSale(actor, code);
    }

    public List<PoolRow> pools() {
        return pools(null);
    }

    public PoolRow pool(UUID id) {
        return pools(id).stream().findFirst().orElseThrow(() -> new NotFound("pool"));
    }

    /** Every pool with its address counts, or only the one with {@code id}. */
    private List<PoolRow> pools(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select p.id, r.name, p.family, text(p.network), host(p.gateway),
                       count(a.guest_id), count(a.id), p.name, p.dns_servers
                from ip_pool p join region r on r.id = p.region_id left join ip_address a on a.pool_id = p.id
                where :id = '' or text(p.id) = :id
                group by p.id, r.name order by r.name, p.family, p.network
                """).setParameter("id", id == null ? "" : id.toString()).getResultList();
        return rows.stream().map(r -> new PoolRow((UUID) r[0], (String) r[1], ((Number) r[2]).intValue(),
                (String) r[3], (String) r[4], ((Number) r[5]).longValue(), ((Number) r[6]).longValue(), (String) r[7],
                (String) r[8])).toList();
    }

    /** Which server holds which address of the pool. */
    public List<Held> held(UUID poolId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select host(a.address), s.id, s.hostname, t.id, t.name
                from ip_address a join server s on s.id = a.guest_id join tenant t on t.id = s.tenant_id
                where a.pool_id = :pool order by a.address
                """).setParameter("pool", poolId).getResultList();
        return rows.stream().map(r -> new Held((String) r[0], (UUID) r[1], (String) r[2], (UUID) r[3],
                (String) r[4])).toList();
    }

    @Transactional
    public UUID createPool(Actor actor, String region, String family, String network, String gateway) {
        FieldErrors errors = new FieldErrors();
        Region r = null;
        try {
            r = Region.findById(UUID.fromString(PlanForm.strip(region)));
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        if (r == null) {
            errors.add("region", "Choose one of the listed regions.");
        }
        int fam = "6".equals(PlanForm.strip(family)) ? 6 : "4".equals(PlanForm.strip(family)) ? 4 : 0;
        if (fam == 0) {
            errors.add("family", "Choose IPv4 or IPv6.");
        }
        String net = PlanForm.strip(network);
        String gw = PlanForm.strip(gateway);
        if (net.isEmpty()) {
            errors.add("network", "Give the network as address/prefix, e.g. 203.0.113.0/24.");
        }
        if (!gw.matches(fam == 6 ? "[0-9A-Fa-f:]{2,39}" : "\\d{1,3}(\\.\\d{1,3}){3}")) {
            errors.add("gateway", "Give the gateway as an IPv" + (fam == 0 ? 4 : fam) + " address inside the network.");
        }
        if (fam == 4 && IpPools.tooLargeForIpv4(net)) {
            errors.add("network", "An IPv4 pool is at most a /" + IpPools.SMALLEST_V4_PREFIX + "; add several for more.");
        }
        errors.throwIfAny();
        UUID id;
        try {
            id = fam == 4 ? ipPools.createIpv4(r.id, net, gw) : ipPools.createIpv6(r.id, net, gw);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of(e.getMessage().contains("gateway") ? "gateway" : "network", capital(e.getMessage())
                    + ".");
        } catch (PersistenceException e) {
            throw InvalidInput.of("network", "This network overlaps or repeats a pool that exists already.");
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("region", r.code);
        after.put("network", net);
        after.put("gateway", gw);
        audit.changed(actor, new Audit.Entry("ip-pool.create", "ip-pool", id, null, net, null, after));
        return id;
    }

    /**
     * Renames a pool, moves its gateway and sets its DNS servers (see {@link IpPools#edit}); each refusal names
     * its field and nothing is saved.
     */
    @Transactional
    public void editPool(Actor actor, UUID id, String name, String gateway, String dnsServers) {
        PoolRow before = pool(id);
        FieldErrors errors = new FieldErrors();
        String label = PlanForm.strip(name);
        if (label.length() > 100) {
            errors.add("name", "Give the pool a name of at most 100 characters, or none.");
        }
        List<String> dns = List.of();
        try {
            dns = IpPools.parseDns(dnsServers);
        } catch (IllegalArgumentException e) {
            errors.add("dnsServers", "DNS servers: " + e.getMessage() + ".");
        }
        String gw = PlanForm.strip(gateway);
        if (gw.isEmpty()) {
            errors.add("gateway", "Give the gateway as an IPv" + before.family() + " address inside the network.");
        }
        errors.throwIfAny();
        try {
            ipPools.edit(id, new IpPools.Details(label.isEmpty() ? null : label, gw, dns));
        } catch (IllegalArgumentException e) {
            String[] parts = e.getMessage().split(": ", 2);
            throw InvalidInput.of(parts[0], capital(parts[1]) + ".");
        }
        PoolRow after = pool(id);
        audit.changed(actor, new Audit.Entry("ip-pool.edit", "ip-pool", id, null, before.network(), poolState(before),
                poolState(after)));
    }

    private static Map<String, Object> poolState(PoolRow pool) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", pool.name());
        state.put("gateway", pool.gateway());
        state.put("dnsServers", pool.dnsServers());
        return state;
    }

    public List<OsTemplate> templates() {
        return OsTemplate.list("order by name");
    }

    public OsTemplate template(UUID id) {
        OsTemplate t = OsTemplate.findById(id);
        if (t == null) {
            throw new NotFound("template");
        }
        return t;
    }

    /** Creates a template ({@code id} null) or changes one; the code never changes once made. */
    @Transactional
    public UUID saveTemplate(Actor actor, UUID id, TemplateForm form) {
        TemplateForm.Parsed parsed = form.parse(guestTypes());
        OsTemplate t;
        Map<String, Object> before = null;
        if (id == null) {
            if (OsTemplate.count("code", parsed.code()) > 0) {
                throw InvalidInput.of("code", "A template with code " + parsed.code() + " exists already.");
            }
            t = new OsTemplate();
            t.id = UUID.randomUUID();
            t.code = parsed.code();
        } else {
            t = template(id);
            before = TemplateForm.state(t);
        }
        t.name = parsed.name();
        t.guestTypes = parsed.guestTypes();
        t.image = parsed.image();
        t.onSale = parsed.onSale();
        if (id == null) {
            t.persist();
        }
        audit.changed(actor, new Audit.Entry(id == null ? "template.create" : "template.edit", "template", t.id,
                null, t.code, before, TemplateForm.state(t)));
        return t.id;
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
