package io.innkeeper.portal.tenant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.catalog.PlanCatalog.PlanOnSale;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.ip.NoFreeAddress;
import io.innkeeper.provisioning.node.NoCapacity;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.provisioning.node.Nodes.RegionRow;
import io.innkeeper.provisioning.template.OsTemplates;
import io.innkeeper.provisioning.template.OsTemplates.TemplateOnSale;
import io.innkeeper.quota.Need;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaRules;
import io.innkeeper.quota.Usage;

/**
 * What the order form offers: the plans that fit the tenant's remaining quota and have room on some node, the
 * regions with room for one of them, the guest types those plans run as, and the templates for those types; and
 * whether the member may send the form at all.
 */
@ApplicationScoped
public class OrderOffer {

    /** The choices of the order form; {@code canOrder} false for a read-only member, who sees no Create button. */
    public record Choices(List<RegionRow> regions, List<GuestType> guestTypes, List<PlanOnSale> plans,
            List<TemplateOnSale> templates, Usage remaining, boolean canOrder) {
    }

    /** A guest type as the form names it. */
    public record GuestType(String code, String label) {

        static GuestType of(String code) {
            return new GuestType(code, switch (code) {
                case "kvm" -> "KVM virtual machine";
                case "xen" -> "Xen virtual machine";
                case "lxc" -> "LXC container";
                case "openvz" -> "OpenVZ container";
                default -> code.toUpperCase(Locale.ROOT);
            });
        }
    }

    @Inject
    ProvisioningService provisioning;

    @Inject
    Nodes nodes;

    @Inject
    PlanCatalog catalog;

    @Inject
    OsTemplates osTemplates;

    /** What the form offers with {@code left} of the quota; {@code canOrder} whether the member may change things. */
    @Transactional
    public Choices choices(Usage left, boolean canOrder) {
        List<RegionRow> allRegions = nodes.regions();
        Map<RegionRow, Boolean> ipv4 = new LinkedHashMap<>();
        allRegions.forEach(region -> ipv4.put(region, provisioning.hasIpv4(region.id())));
        Set<RegionRow> regions = new LinkedHashSet<>();
        Set<String> types = new LinkedHashSet<>();
        List<PlanOnSale> plans = new ArrayList<>();
        for (PlanOnSale plan : catalog.onSale()) {
            boolean stocked = false;
            for (String type : plan.guestTypes()) {
                for (RegionRow region : allRegions) {
                    if (fits(left, plan, ipv4.get(region)) && hasRoom(region, type, plan, ipv4.get(region))) {
                        regions.add(region);
                        types.add(type);
                        stocked = true;
                    }
                }
            }
            if (stocked) {
                plans.add(plan);
            }
        }
        List<TemplateOnSale> templates = osTemplates.onSale().stream()
                .filter(t -> types.stream().anyMatch(t::supports)).toList();
        return new Choices(allRegions.stream().filter(regions::contains).toList(),
                types.stream().map(GuestType::of).toList(), plans, templates, left, canOrder);
    }

    /**
     * Whether a server of the plan (with an IPv4 address when its region hands them out) fits what is left of the
     * quota: the quota module's rule, asked with what is left as the limits and nothing in use, so the running
     * limits and IPv4 count as they do for the order itself.
     */
    static boolean fits(Usage left, PlanOnSale plan, boolean ipv4) {
        QuotaLimits room = new QuotaLimits(clamp(left.servers()), clamp(left.vcpus()), left.memoryMib(),
                left.diskGib(), clamp(left.ipv4()), clamp(left.snapshots()), clamp(left.runningServers()),
                clamp(left.runningVcpus()), left.runningMemoryMib());
        return QuotaRules.refusals("Your", room, Usage.none(),
                Need.server(plan.vcpus(), plan.memoryMib(), plan.diskGib(), ipv4 ? 1 : 0)).isEmpty();
    }

    private static int clamp(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    private boolean hasRoom(RegionRow region, String type, PlanOnSale plan, boolean ipv4) {
        try {
            provisioning.wouldPlace(region.id(), type, plan.vcpus(), plan.memoryMib(), plan.diskGib(), ipv4);
            return true;
        } catch (NoCapacity | NoFreeAddress e) {
            return false;
        }
    }
}
