package io.innkeeper.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.Scope;

/** A tenant's SSH keys: added after {@link OpenSshKey} accepts them, one of each fingerprint per tenant. */
@ApplicationScoped
public class SshKeys {

    /** A saved key as its owner sees it. */
    public record Key(UUID id, UUID tenantId, String name, String keyType, String publicKey, String fingerprint,
            Instant createdAt) {

        static Key of(SshKey k) {
            return new Key(k.id, k.tenantId, k.name, k.keyType, k.publicKey, k.fingerprint, k.createdAt);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Transactional
    public Key add(Actor actor, UUID tenantId, String rawName, String publicKey) {
        FieldErrors errors = new FieldErrors();
        String name = rawName == null ? "" : rawName.strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add("name", "Give the key a name of 1 to 100 characters.");
        }
        OpenSshKey.Parsed parsed = OpenSshKey.parse(publicKey);
        if (parsed.key().isEmpty()) {
            errors.add("publicKey", parsed.problem());
        } else if (SshKey.count("tenantId = ?1 and fingerprint = ?2", tenantId, parsed.key().get().fingerprint()) > 0) {
            errors.add("publicKey", "This key is on the account already.");
        }
        errors.throwIfAny();
        OpenSshKey key = parsed.key().get();
        SshKey row = new SshKey();
        row.id = UUID.randomUUID();
        row.tenantId = tenantId;
        row.name = name;
        row.keyType = key.type();
        row.publicKey = key.line();
        row.fingerprint = key.fingerprint();
        row.createdAt = clock.instant();
        em.persist(row);
        audit.changed(actor, new Audit.Entry("ssh_key.add", "ssh_key", row.id, tenantId, row.fingerprint, null,
                Map.of("name", name, "type", key.type())));
        return Key.of(row);
    }

    @Transactional
    public List<Key> list(Scope scope) {
        return em.createQuery("from SshKey k where k.tenantId in :t order by k.createdAt desc, k.id", SshKey.class)
                .setParameter("t", scope.tenantIds()).getResultStream().map(Key::of).toList();
    }

    @Transactional
    public Key get(Scope scope, UUID id) {
        return Key.of(find(scope, id));
    }

    private SshKey find(Scope scope, UUID id) {
        SshKey key = em.find(SshKey.class, id);
        if (key == null || !scope.covers(key.tenantId)) {
            throw new NotFound("ssh key");
        }
        return key;
    }

    @Transactional
    public void delete(Actor actor, Scope scope, UUID id) {
        SshKey key = find(scope, id);
        em.remove(key);
        audit.changed(actor, new Audit.Entry("ssh_key.delete", "ssh_key", id, key.tenantId, key.fingerprint, null,
                null));
    }
}
