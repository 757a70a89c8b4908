package io.innkeeper.catalog;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.innkeeper.kernel.Money;

/** The catalog's query use case for what a customer may order: the current version of every plan on sale. */
@ApplicationScoped
public class PlansOnSale {

    /** A plan as the order form and the filters offer it; {@code summary} its size in words. */
    public record PlanOnSale(UUID id, String code, String name, List<String> guestTypes, int vcpus, int memoryMib,
            int diskGib, String summary, Money hourly, Money monthly) {

        public PlanOnSale {
            guestTypes = List.copyOf(guestTypes);
        }

        public boolean runsAs(String guestType) {
            return guestTypes.contains(guestType);
        }

        static PlanOnSale of(Plan plan) {
            return new PlanOnSale(plan.id, plan.code, plan.name, plan.guestTypeList(), plan.vcpus, plan.memoryMib,
                    plan.diskGib, plan.summary(), plan.hourly(), plan.monthly());
        }
    }

    /** The current version of every plan on sale, cheapest first (as {@link Plan#onSale()}). */
    @Transactional
    public List<PlanOnSale> list() {
        return Plan.onSale().stream().map(PlanOnSale::of).toList();
    }
}
