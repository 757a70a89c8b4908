package io.innkeeper.billing.usage;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** Table {@code server_plan_change}: the core records each plan change here, in the change's own transaction. */
@ApplicationScoped
public class PlanHistory {

    @Inject
    EntityManager em;

    @Transactional(TxType.MANDATORY)
    public void changed(UUID serverId, UUID fromPlan, UUID toPlan, Instant at) {
        em.createNativeQuery("insert into server_plan_change (server_id, changed_at, from_plan, to_plan) "
                + "values (:server, :at, :from, :to)")
                .setParameter("server", serverId)
                .setParameter("at", at)
                .setParameter("from", fromPlan)
                .setParameter("to", toPlan)
                .executeUpdate();
    }
}
