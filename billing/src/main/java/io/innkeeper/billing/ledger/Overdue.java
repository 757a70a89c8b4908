package io.innkeeper.billing.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.billing.Dates;
import io.innkeeper.kernel.Money;

/**
 * What an account with overdue invoices is told: how much is overdue and when the dunning steps still to come will
 * be taken under the settings in force, counted from its oldest overdue invoice (the one that reaches each step
 * first). The query behind the portal's overdue banner and the dunning mails.
 */
@ApplicationScoped
public class Overdue {

    /** The overdue amount and the dates of the steps that follow; {@code timeZone} is the account's billing zone. */
    public record Standing(Money amount, Instant suspendAt, Instant terminateAt, String timeZone) {
    }

    @Inject
    EntityManager em;

    @Inject
    DunningPolicy policy;

    @Inject
    Clock clock;

    /** The tenant's overdue standing now; empty when no invoice of it is past due and unpaid. */
    @Transactional
    public Optional<Standing> of(UUID tenantId) {
        List<Tuple> rows = em.createNativeQuery("""
                select i.currency, t.time_zone, sum(i.total - i.paid) as amount, min(i.due_at) as oldest
                from invoice i join tenancy_tenant t on t.id = i.tenant_id
                where i.tenant_id = :t and i.paid < i.total and i.due_at < :now group by i.currency, t.time_zone
                """, Tuple.class).setParameter("t", tenantId).setParameter("now", clock.instant()).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Tuple r = rows.get(0);
        Instant oldest = Dates.instant(r.get("oldest"));
        DunningSettings settings = policy.current();
        return Optional.of(new Standing(
                new Money(r.get("amount", BigDecimal.class), Currency.getInstance(r.get("currency", String.class)))
                        .rounded(),
                settings.at(DunningStep.SUSPENSION, oldest),
                settings.at(DunningStep.TERMINATION, oldest), r.get("time_zone", String.class)));
    }
}
