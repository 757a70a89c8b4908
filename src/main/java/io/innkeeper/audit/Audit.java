package io.innkeeper.audit;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.innkeeper.kernel.ChangeLog;

/**
 * Writes the audit log. A change is recorded in the transaction that makes it, so the log and the data never
 * disagree; a refusal is recorded in its own transaction after the refused one has rolled back (see {@link Guarded}).
 */
@ApplicationScoped
public class Audit {

    /** What happened to which object. {@code before} and {@code after} are any JSON-serialisable values. */
    public record Entry(String action, String targetType, Object targetId, UUID tenantId, String detail,
            Object before, Object after) {
    }

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    jakarta.enterprise.event.Event<Changed> changes;

    /** Fired inside the transaction of every recorded change, so others (the webhook outbox) can follow it. */
    public record Changed(Actor actor, Entry entry) {
    }

    @Transactional(TxType.MANDATORY)
    public void changed(Actor actor, Entry entry) {
        write(actor, entry, "OK");
        changes.fire(new Changed(actor, entry));
    }

    /** The audit log as provisioning's use cases write to it: each change recorded as {@code actor}'s. */
    public ChangeLog by(Actor actor) {
        return c -> changed(actor, new Entry(c.action(), c.targetType(), c.targetId(), c.tenantId(), c.detail(),
                c.before(), c.after()));
    }

    /** Records a refusal in a transaction of its own; called once the refused transaction is over. */
    @Transactional(TxType.REQUIRES_NEW)
    public void refused(Actor actor, Entry entry) {
        write(actor, entry, "REFUSED");
    }

    private void write(Actor actor, Entry entry, String outcome) {
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID();
        event.at = clock.instant();
        event.actor = actor.login();
        event.actorTenant = actor.tenantId();
        event.sourceIp = actor.sourceIp();
        event.requestId = actor.requestId();
        event.action = entry.action();
        event.targetType = entry.targetType();
        event.targetId = entry.targetId() == null ? null : entry.targetId().toString();
        event.tenantId = entry.tenantId();
        event.outcome = outcome;
        event.detail = entry.detail();
        event.beforeState = toJson(entry.before());
        event.afterState = toJson(entry.after());
        event.persist();
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit value is not serialisable: " + value.getClass(), e);
        }
    }
}
