package io.innkeeper.catalog;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;

/**
 * Publishes plans. A plan row never changes once published: an edit retires the current version and publishes
 * the next, so servers keep the limits and prices they were ordered with.
 */
@ApplicationScoped
public class PlanCatalog {

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    /** Publishes {@code spec} as the first version of a new plan or the next version of an existing one. */
    @Transactional
    public Plan publish(Actor actor, PlanSpec spec) {
        Optional<Plan> current = Plan.<Plan>find("code = ?1 and retiredAt is null", spec.code())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (current.isPresent() && PlanSpec.of(current.get()).equals(spec)) {
            return current.get();
        }
        Plan next = new Plan();
        next.id = UUID.randomUUID();
        spec.applyTo(next);
        next.version = current.map(p -> p.version + 1).orElse(1);
        next.createdAt = clock.instant();
        current.ifPresent(p -> {
            p.retiredAt = next.createdAt;
            p.flush();
        });
        next.persist();
        audit.changed(actor, new Audit.Entry(current.isPresent() ? "plan.edit" : "plan.create", "plan", spec.code(),
                null, "version " + next.version, current.map(PlanSpec::of).orElse(null), spec));
        return next;
    }

    /** Takes a plan off sale; servers on it keep running and being billed. */
    @Transactional
    public Plan retireFromSale(Actor actor, String code) {
        Plan current = Plan.<Plan>find("code = ?1 and retiredAt is null", code).firstResultOptional()
                .orElseThrow(() -> new io.innkeeper.kernel.NotFound("plan"));
        PlanSpec before = PlanSpec.of(current);
        PlanSpec after = new PlanSpec(before.code(), before.name(), before.guestTypes(), before.vcpus(),
                before.memoryMib(), before.diskGib(), before.trafficGb(), before.portMbit(), before.diskIops(),
                before.diskMbyteS(), before.cpuShares(), before.cpuCapPercent(), before.hourlyPrice(),
                before.monthlyCap(), before.currency(), false);
        return publish(actor, after);
    }
}
