package io.innkeeper.account;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.innkeeper.tenancy.Tenant;

/**
 * The transactional outbox: {@link #record} writes an event in the caller's transaction, so an event exists exactly
 * when the change it describes does, and queues its delivery to the webhook endpoints of the tenant and of its
 * reseller. {@link WebhookSender} delivers them after the commit.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    /**
     * Fired inside the transaction that recorded an event, so others (the notification pipeline) write what follows
     * from it in that same transaction.
     */
    public record Recorded(UUID eventId, UUID tenantId, String type, String subject, String data) {
    }

    @Inject
    jakarta.enterprise.event.Event<Recorded> recorded;

    @Transactional(TxType.MANDATORY)
    public OutboxEvent record(UUID tenantId, String type, Object subject, Object data) {
        if (!EventTypes.ALL.contains(type) || EventTypes.PING.equals(type)) {
            throw new IllegalArgumentException("not a public event type (see EventTypes): " + type);
        }
        OutboxEvent event = write(tenantId, type, subject, data);
        Tenant tenant = em.find(Tenant.class, tenantId);
        List<UUID> owners = tenant != null && tenant.parent != null ? List.of(tenantId, tenant.parent.id)
                : List.of(tenantId);
        for (WebhookEndpoint endpoint : em.createQuery("from WebhookEndpoint e where e.tenantId in :t "
                + "and e.disabledAt is null", WebhookEndpoint.class).setParameter("t", owners).getResultList()) {
            if (endpoint.wants(type)) {
                queue(event, endpoint);
            }
        }
        recorded.fire(new Recorded(event.id, tenantId, type, event.subject, event.data));
        return event;
    }

    /** A {@code ping} event of the endpoint's tenant, queued for that endpoint alone and for nobody's mail. */
    @Transactional(TxType.MANDATORY)
    public OutboxEvent ping(WebhookEndpoint endpoint, Object data) {
        OutboxEvent event = write(endpoint.tenantId, EventTypes.PING, endpoint.id, data);
        queue(event, endpoint);
        return event;
    }

    /**
     * Stores the event in one statement that answers its {@code seq}: events are written inside other modules'
     * transactions (an invoice's, while it holds the issuer's number), so each round trip saved shortens them.
     */
    private OutboxEvent write(UUID tenantId, String type, Object subject, Object data) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.tenantId = tenantId;
        event.type = type;
        event.subject = String.valueOf(subject);
        event.data = toJson(data);
        event.createdAt = clock.instant();
        event.seq = ((Number) em.createNativeQuery("insert into outbox_event (id, tenant_id, type, subject, data, "
                + "created_at) values (:id, :tenant, :type, :subject, :data, :at) returning seq")
                .setParameter("id", event.id).setParameter("tenant", tenantId).setParameter("type", type)
                .setParameter("subject", event.subject).setParameter("data", event.data)
                .setParameter("at", event.createdAt).getSingleResult()).longValue();
        return event;
    }

    void queue(OutboxEvent event, WebhookEndpoint endpoint) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = UUID.randomUUID();
        delivery.eventId = event.id;
        delivery.endpointId = endpoint.id;
        delivery.state = WebhookDelivery.State.PENDING;
        delivery.runAfter = clock.instant();
        delivery.seq = event.seq;
        em.persist(delivery);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable: " + value.getClass(), e);
        }
    }
}
