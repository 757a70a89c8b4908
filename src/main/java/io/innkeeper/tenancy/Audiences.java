package io.innkeeper.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Who an account's news concerns and how to write to them: its members with their roles, its language, time zone
 * and currency, and the reseller above it with that reseller's choice to receive copies. The query the notification
 * pipeline asks when it turns an event into notifications.
 */
@ApplicationScoped
public class Audiences {

    /** One account as its mails address it. */
    public record Account(UUID id, String name, String language, String timeZone, String currency, UUID resellerId,
            boolean copyCustomerBilling, List<Person> people) {
    }

    /** A member of an account. */
    public record Person(String login, MemberRole role) {
    }

    @Inject
    EntityManager em;

    /** The account with its members, or empty when there is none. */
    @Transactional
    public Optional<Account> of(UUID tenantId) {
        Tenant tenant = em.find(Tenant.class, tenantId);
        if (tenant == null) {
            return Optional.empty();
        }
        List<Person> people = em.createQuery("select m.login, m.role from Membership m where m.tenant.id = :t "
                + "order by m.role, m.login", Person.class).setParameter("t", tenantId).getResultList();
        return Optional.of(new Account(tenant.id, tenant.name, tenant.language, tenant.timeZone, tenant.currency,
                tenant.parent == null ? null : tenant.parent.id, tenant.copyCustomerBilling, people));
    }
}
