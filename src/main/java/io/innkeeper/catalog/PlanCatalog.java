package io.innkeeper.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Money;
import io.innkeeper.kernel.NotFound;

/**
 * The catalog's use cases: list plans and their versions, create, edit and retire them from sale. Publishes plans. A plan row never changes once published: an edit retires the current version and publishes
 * the next, so servers keep the limits and prices they were ordered with.
 */
@ApplicationScoped
public class PlanCatalog {

    /** One version of a plan as an admin sees it: its spec, prices and when it was on the books. */
    public record PlanRow(PlanSpec spec, int version, String summary, Money hourly, Money monthly, Instant createdAt,
            Instant retiredAt) {

        public String code() {
            return spec.code();
        }

        public String name() {
            return spec.name();
        }

        public String guestTypes() {
            return spec.guestTypes();
        }

        public boolean onSale() {
            return spec.onSale();
        }

        static PlanRow of(Plan plan) {
            return new PlanRow(PlanSpec.of(plan), plan.version, plan.summary(), plan.hourly(), plan.monthly(),
                    plan.createdAt, plan.retiredAt);
        }
    }

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    /** The current version of every plan, on sale or not, by code. */
    @Transactional
    public List<PlanRow> current() {
        return Plan.<Plan>list("retiredAt is null order by code").stream().map(PlanRow::of).toList();
    }

    /** Every version of plan {@code code}, the newest first; {@link NotFound} for a code never published. */
    @Transactional
    public List<PlanRow> versions(String code) {
        List<PlanRow> all = Plan.<Plan>list("code = ?1 order by version desc", code).stream().map(PlanRow::of)
                .toList();
        if (all.isEmpty()) {
            throw new NotFound("plan");
        }
        return all;
    }

    /** Publishes a new plan; a code in use is refused, so a typo cannot silently edit another plan. */
    @Transactional
    public PlanRow create(Actor actor, PlanSpec spec) {
        io.innkeeper.kernel.Codes.problem("plan", spec.code()).ifPresent(p -> {
            throw InvalidInput.of("code", p);
        });
        if (Plan.count("code", spec.code()) > 0) {
            throw InvalidInput.of("code", "A plan with code " + spec.code() + " exists already; edit that one.");
        }
        return PlanRow.of(publish(actor, spec));
    }

    /** Publishes the next version of the plan with {@code spec}'s code; servers on earlier versions keep theirs. */
    @Transactional
    public PlanRow edit(Actor actor, PlanSpec spec) {
        versions(spec.code());
        return PlanRow.of(publish(actor, spec));
    }

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

    /** {@link #retireFromSale}, answering the version that is now current. */
    @Transactional
    public PlanRow retire(Actor actor, String code) {
        return PlanRow.of(retireFromSale(actor, code));
    }

    /** Takes a plan off sale; servers on it keep running and being billed. */
    @Transactional
    public Plan retireFromSale(Actor actor, String code) {
        Plan current = Plan.<Plan>find("code = ?1 and retiredAt is null", code).firstResultOptional()
                .orElseThrow(() -> new NotFound("plan"));
        PlanSpec before = PlanSpec.of(current);
        PlanSpec after = new PlanSpec(before.code(), before.name(), before.guestTypes(), before.vcpus(),
                before.memoryMib(), before.diskGib(), before.trafficGb(), before.portMbit(), before.diskIops(),
                before.diskMbyteS(), before.cpuShares(), before.cpuCapPercent(), before.hourlyPrice(),
                before.monthlyCap(), before.currency(), false);
        return publish(actor, after);
    }

    /**
     * A plan on sale as a customer sees it, on the order form, the server page and the API: what it gives, in numbers
     * and in words ({@code summary}), and what it costs.
     */
    public record PlanOnSale(UUID id, String code, int version, String name, List<String> guestTypes, int vcpus,
            int memoryMib, int diskGib, int trafficGb, String summary, Money hourly, Money monthly) {

        public PlanOnSale {
            guestTypes = List.copyOf(guestTypes);
        }

        /** Whether the plan can be a guest of this type. */
        public boolean runsAs(String guestType) {
            return guestTypes.contains(guestType);
        }

        static PlanOnSale of(Plan p) {
            return new PlanOnSale(p.id, p.code, p.version, p.name, p.guestTypeList(), p.vcpus, p.memoryMib, p.diskGib,
                    p.trafficGb, p.summary(), p.hourly(), p.monthly());
        }
    }

    /** A plan version as the API reads it by id or code: what it is, whether it is on sale and when it was replaced. */
    public record PlanVersion(PlanOnSale plan, boolean onSale, Instant retiredAt) {
    }

    /**
     * The plan version {@code idOrCode} names: by id any version, current or replaced (servers keep theirs); by
     * stable code the current version, the one an order by code takes. {@link NotFound} for neither.
     */
    @Transactional
    public PlanVersion find(String idOrCode) {
        String value = idOrCode == null ? "" : idOrCode.strip();
        Optional<Plan> plan = io.innkeeper.kernel.Codes.asId(value).map(id -> Plan.<Plan>findByIdOptional(id))
                .orElseGet(() -> io.innkeeper.kernel.Codes.valid(value)
                        ? Plan.<Plan>find("code = ?1 and retiredAt is null", value).firstResultOptional()
                        : Optional.empty());
        return plan.map(p -> new PlanVersion(PlanOnSale.of(p), p.onSale && p.retiredAt == null, p.retiredAt))
                .orElseThrow(() -> new NotFound("plan"));
    }

    /** The current version of every plan on sale, cheapest first (as {@link Plan#onSale()} has it). */
    @Transactional
    public List<PlanOnSale> onSale() {
        return Plan.onSale().stream().map(PlanOnSale::of).toList();
    }

    /** A plan's code and a name for it (of any of its versions), to choose the plan by. */
    public record PlanName(String code, String name) {
    }

    /** Every plan code ever published, by code, each with the first of its versions' names. */
    @Transactional
    public List<PlanName> codes() {
        return Plan.getEntityManager().createQuery("select new io.innkeeper.catalog.PlanCatalog$PlanName(p.code, "
                + "min(p.name)) from Plan p group by p.code order by p.code", PlanName.class).getResultList();
    }
}
