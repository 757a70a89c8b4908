package io.innkeeper.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.provisioning.node.Placement;
import io.innkeeper.quota.Need;
import io.innkeeper.quota.QuotaRules;
import io.innkeeper.quota.QuotaService;

/**
 * What can be ordered now, per region and plan on sale: how many more servers of the plan fit the caller's quota
 * ({@link QuotaRules#howMany}, over the very rule an order meets) and the platform's room ({@link
 * ProvisioningService.Capacity#howMany}, over the rule placement uses), each counted up to
 * {@link StockConfig#countUpTo}. Cheap enough for every page view of a storefront: the platform's room (one read
 * for everyone) and each tenant's quota standing are kept for {@link StockConfig#cacheFor}; the counts are
 * arithmetic over them. Like a dry run, stock reserves nothing: the order decides.
 */
@ApplicationScoped
public class Stock {

    /** One region and plan: whether one more server fits now, and how many more would, for each side. */
    public record Line(Ref region, Ref plan, boolean fits, Side quota, Side platform) {
    }

    /** A region's or plan's id and code. */
    public record Ref(UUID id, String code) {
    }

    /** One side's answer: whether one more fits, and how many more would (up to the count's cap). */
    public record Side(boolean fits, long more) {

        static Side of(long more) {
            return new Side(more > 0, more);
        }
    }

    /** The stock of every region and plan on sale, when the platform's room was read, and where counts stop. */
    public record Answer(List<Line> items, Instant readAt, long countUpTo) {

        public Answer {
            items = List.copyOf(items);
        }
    }

    /** What the platform offers at one moment: regions, plans on sale and the room for each. */
    private record Platform(List<Nodes.RegionRow> regions, List<PlanCatalog.PlanOnSale> plans,
            ProvisioningService.Capacity capacity, Instant readAt) {
    }

    @Inject
    Nodes nodes;

    @Inject
    PlanCatalog plans;

    @Inject
    ProvisioningService provisioning;

    @Inject
    QuotaService quotas;

    @Inject
    StockConfig config;

    @Inject
    Clock clock;

    private LoadingCache<Boolean, Platform> platform;

    private LoadingCache<UUID, QuotaRules.Standing> standings;

    @PostConstruct
    void caches() {
        platform = Caffeine.newBuilder().expireAfterWrite(config.cacheFor()).maximumSize(1)
                .build(k -> new Platform(nodes.regionsByCode(), plans.onSale(), provisioning.capacity(),
                        clock.instant()));
        standings = Caffeine.newBuilder().expireAfterWrite(config.cacheFor()).maximumSize(100_000)
                .build(quotas::standing);
    }

    /** The stock of every region and plan on sale for the tenant's orders, by region code, then plan price. */
    public Answer of(UUID tenantId) {
        Platform now = platform.get(Boolean.TRUE);
        QuotaRules.Standing standing = standings.get(tenantId);
        long cap = config.countUpTo();
        List<Line> lines = new ArrayList<>(now.regions().size() * now.plans().size());
        for (Nodes.RegionRow region : now.regions()) {
            boolean ipv4 = now.capacity().needsIpv4(region.id());
            for (PlanCatalog.PlanOnSale plan : now.plans()) {
                Side quota = Side.of(QuotaRules.howMany(standing,
                        Need.server(plan.vcpus(), plan.memoryMib(), plan.diskGib(), ipv4 ? 1 : 0), cap));
                Side room = Side.of(now.capacity().howMany(region.id(), plan.guestTypes(),
                        new Placement.Need(plan.vcpus(), plan.memoryMib(), plan.diskGib()), cap));
                lines.add(new Line(new Ref(region.id(), region.code()), new Ref(plan.id(), plan.code()),
                        quota.fits() && room.fits(), quota, room));
            }
        }
        return new Answer(lines, now.readAt(), cap);
    }
}
