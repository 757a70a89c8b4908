package io.innkeeper.account;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.kernel.InvalidInput;

/** An integrator's own ids for servers and accounts, unique per tenant and kind. */
@ApplicationScoped
public class ExternalRefs {

    public static final String SERVER = "server";
    public static final String ACCOUNT = "account";

    /** Why a server cannot have a reference another server of its tenant has (what {@link #set} says too). */
    public static final String TAKEN_BY_SERVER = "This external reference is used by another server already.";

    @Inject
    EntityManager em;

    /**
     * Checks a reference's form: 1 to 200 printable characters, none of them a control character or an invisible
     * formatting one (such as a bidi override, which would make one reference look like another).
     */
    public static Optional<String> problem(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        return ref.isBlank() || ref.length() > 200 || !ref.codePoints().allMatch(ExternalRefs::printable)
                ? Optional.of("An external reference has 1 to 200 printable characters.")
                : Optional.empty();
    }

    private static boolean printable(int c) {
        return !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
                && Character.getType(c) != Character.SURROGATE;
    }

    @Transactional(TxType.MANDATORY)
    public void set(UUID tenantId, String kind, UUID objectId, String ref) {
        if (ref == null) {
            return;
        }
        problem(ref).ifPresent(p -> {
            throw InvalidInput.of("externalRef", p);
        });
        if (find(List.of(tenantId), kind, ref).isPresent()) {
            throw InvalidInput.of("externalRef", "This external reference is used by another " + kind + " already.");
        }
        em.createNativeQuery("insert into external_ref (object_id, tenant_id, kind, ref) values (:o, :t, :k, :r) "
                + "on conflict (object_id) do update set ref = excluded.ref")
                .setParameter("o", objectId).setParameter("t", tenantId).setParameter("k", kind)
                .setParameter("r", ref).executeUpdate();
    }

    @Transactional
    public Optional<UUID> find(Collection<UUID> tenantIds, String kind, String ref) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select object_id from external_ref where tenant_id in (:t) "
                + "and kind = :k and ref = :r", UUID.class)
                .setParameter("t", tenantIds).setParameter("k", kind).setParameter("r", ref).getResultList();
        return ids.stream().findFirst();
    }

    @Transactional
    public Map<UUID, String> of(Collection<UUID> objectIds) {
        Map<UUID, String> out = new HashMap<>();
        if (objectIds.isEmpty()) {
            return out;
        }
        List<Tuple> rows = em.createNativeQuery("select object_id, ref from external_ref where object_id in (:o)",
                Tuple.class).setParameter("o", objectIds).getResultList();
        for (Tuple row : rows) {
            out.put(row.get("object_id", UUID.class), row.get("ref", String.class));
        }
        return out;
    }
}
