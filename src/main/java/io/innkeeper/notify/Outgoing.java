package io.innkeeper.notify;

import java.time.Instant;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.innkeeper.tenancy.Audiences;

/** Reads a due notification with its event and writes its mail, in one transaction, ready to be handed over. */
@ApplicationScoped
public class Outgoing {

    /** A written mail and whom it is for. */
    public record Ready(String login, Topic topic, Letters.Written written) {
    }

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Audiences audiences;

    @Inject
    Letters letters;

    /** The notification as a {@link Notice}, or empty when it is gone or of a topic this panel does not know. */
    private Optional<Notice> notice(UUID id) {
        List<Tuple> rows = em.createNativeQuery("""
                select n.id, n.topic, n.tenant_id, n.about_tenant_id, n.login, n.event_id, n.created_at,
                       e.type, e.subject, e.data
                from notification n join account_outbox_event e on e.id = n.event_id where n.id = :id
                """, Tuple.class).setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Tuple r = rows.get(0);
        Optional<Topic> topic = Topic.ofKey(r.get("topic", String.class));
        if (topic.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Notice(r.get("id", UUID.class), topic.get(), r.get("tenant_id", UUID.class),
                r.get("about_tenant_id", UUID.class), r.get("login", String.class), r.get("event_id", UUID.class),
                r.get("type", String.class), r.get("subject", String.class), data(r.get("data", String.class)),
                r.get("created_at", Instant.class)));
    }

    /** The notification's mail, written; empty when the notification or its accounts are gone. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Ready> prepare(UUID id) {
        Optional<Notice> notice = notice(id);
        if (notice.isEmpty()) {
            return Optional.empty();
        }
        Notice n = notice.get();
        Optional<Audiences.Account> about = audiences.of(n.aboutTenantId());
        Optional<Audiences.Account> reader = n.tenantId().equals(n.aboutTenantId()) ? about
                : audiences.of(n.tenantId());
        if (about.isEmpty() || reader.isEmpty()) {
            return Optional.empty();
        }
        Letters.Written written = letters.write(n, about.get(), reader.get());
        return Optional.of(new Ready(n.login(), n.topic(), written));
    }

    private Map<String, Object> data(String raw) {
        try {
            return raw == null ? Map.of() : json.readValue(raw, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
