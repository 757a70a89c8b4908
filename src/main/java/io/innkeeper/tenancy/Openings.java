package io.innkeeper.tenancy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.NotFound;

/**
 * The one way an account comes to exist, whoever asks: an admin ({@link Tenants#create}), a stranger signing up
 * ({@link SignUp}), a reseller making a customer account, the demo loader. Each checks its own form first; this
 * writes the row and its {@code tenant.create} audit entry in the caller's transaction, and, when an owner login is
 * given, makes it the owner through {@link Memberships} (audited too).
 */
@ApplicationScoped
public class Openings {

    /** A new account as its caller validated it; {@code parentId} is the reseller of a reseller's customer. */
    public record Opening(TenantKind kind, String name, UUID parentId, String currency, String timeZone,
            String country, boolean awaitingApproval) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    Memberships memberships;

    /** Makes the account; answers its id. */
    @Transactional(TxType.MANDATORY)
    public UUID open(Actor actor, Opening o) {
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID();
        tenant.name = o.name();
        tenant.kind = o.kind();
        tenant.status = TenantStatus.ACTIVE;
        if (o.parentId() != null) {
            tenant.parent = em.find(Tenant.class, o.parentId());
            if (tenant.parent == null) {
                throw new NotFound("reseller");
            }
        }
        tenant.currency = o.currency();
        tenant.timeZone = o.timeZone();
        tenant.country = o.country();
        tenant.awaitingApproval = o.awaitingApproval();
        tenant.createdAt = clock.instant();
        em.persist(tenant);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", o.name());
        after.put("kind", o.kind().name());
        if (o.parentId() != null) {
            after.put("parent", o.parentId().toString());
        }
        after.put("currency", o.currency());
        after.put("timeZone", o.timeZone());
        if (o.country() != null) {
            after.put("country", o.country());
        }
        if (o.awaitingApproval()) {
            after.put("awaitingApproval", true);
        }
        audit.changed(actor, new Audit.Entry("tenant.create", "tenant", tenant.id, tenant.id, o.name(), null,
                after));
        return tenant.id;
    }

    /** Makes the account with {@code ownerLogin} as its owner; answers its id. */
    @Transactional(TxType.MANDATORY)
    public UUID open(Actor actor, Opening o, String ownerLogin) {
        UUID id = open(actor, o);
        memberships.join(actor, id, ownerLogin, MemberRole.OWNER);
        return id;
    }
}
