package io.innkeeper.tenancy;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The query use case of a reseller's customers as its filters offer them: id and name, by name. */
@ApplicationScoped
public class CustomerNames {

    /** A customer of the caller's scope. */
    public record Customer(UUID id, String name) {
    }

    @Inject
    EntityManager em;

    /** The tenants of the scope other than its own, by name; empty for a scope of one tenant. */
    @Transactional
    public List<Customer> of(Scope scope) {
        return em.createQuery("select new io.innkeeper.tenancy.CustomerNames$Customer(t.id, t.name) from Tenant t "
                + "where t.id in :ids and t.id <> :own order by t.name", Customer.class)
                .setParameter("ids", scope.tenantIds()).setParameter("own", scope.tenantId()).getResultList();
    }
}
