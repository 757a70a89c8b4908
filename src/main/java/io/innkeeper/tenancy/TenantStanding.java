package io.innkeeper.tenancy;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.provisioning.guest.OwnerStanding;

/** A guest's owner is a tenant: it may run guests while it, and the reseller above it, are active. */
@ApplicationScoped
public class TenantStanding implements OwnerStanding {

    @Inject
    EntityManager em;

    @Override
    @Transactional
    public boolean maySwitchOn(UUID ownerRef) {
        List<?> blocked = em.createNativeQuery("select 1 from tenant t left join tenant p on p.id = t.parent_id "
                + "where t.id = :id and (t.status <> 'ACTIVE' or coalesce(p.status, 'ACTIVE') <> 'ACTIVE')")
                .setParameter("id", ownerRef).getResultList();
        return blocked.isEmpty();
    }
}
