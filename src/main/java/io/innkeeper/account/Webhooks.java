package io.innkeeper.account;

import java.net.URI;
import java.net.URISyntaxException;
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
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.Scope;

/** A tenant's webhook endpoints, its events, and replays of them. */
@ApplicationScoped
public class Webhooks {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    Outbox outbox;

    @Inject
    WebhookConfig config;

    /** A live endpoint, without its secret. */
    public record Endpoint(UUID id, String url, Instant createdAt) {

        static Endpoint of(WebhookEndpoint e) {
            return new Endpoint(e.id, e.url, e.createdAt);
        }
    }

    /** A new endpoint with its shared secret, which is shown this once. */
    public record Registered(Endpoint endpoint, String secret) {
    }

    /** An event of one of the scope's tenants ({@code tenantId}); {@code data} is its JSON. */
    public record Event(UUID id, long seq, UUID tenantId, String type, String subject, String data,
            Instant createdAt) {

        static Event of(OutboxEvent e) {
            return new Event(e.id, e.seq, e.tenantId, e.type, e.subject, e.data, e.createdAt);
        }
    }

    /** How one event's delivery to one endpoint went; {@code nextAttempt} is set while it is pending. */
    public record Delivery(UUID endpointId, WebhookDelivery.State state, int attempts, Integer lastStatus,
            String lastError, Instant nextAttempt, Instant deliveredAt) {

        static Delivery of(WebhookDelivery d) {
            return new Delivery(d.endpointId, d.state, d.attempts, d.lastStatus, d.lastError,
                    d.state == WebhookDelivery.State.PENDING ? d.runAfter : null, d.deliveredAt);
        }
    }

    @Transactional
    public Registered register(Actor actor, UUID tenantId, String rawUrl) {
        String url = rawUrl == null ? "" : rawUrl.strip();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw InvalidInput.of("url", "Not a URL.");
        }
        if (url.length() > 2000 || uri.getHost() == null || uri.getUserInfo() != null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw InvalidInput.of("url", "Give an http or https URL with a host, at most 2000 characters.");
        }
        if (!config.allowPrivateAddresses() && privateHost(uri.getHost())) {
            throw InvalidInput.of("url", "The URL must point at a public address, not a loopback, private or "
                    + "link-local one.");
        }
        if (WebhookEndpoint.count("tenantId = ?1 and disabledAt is null", tenantId) >= 10) {
            throw InvalidInput.of("url", "An account has at most 10 webhook endpoints; remove one first.");
        }
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.tenantId = tenantId;
        endpoint.url = url;
        endpoint.secret = TokenSecrets.newWebhookSecret();
        endpoint.createdAt = clock.instant();
        em.persist(endpoint);
        audit.changed(actor, new Audit.Entry("webhook.create", "webhook_endpoint", endpoint.id, tenantId, url, null,
                Map.of("url", url)));
        return new Registered(Endpoint.of(endpoint), endpoint.secret);
    }

    /** Whether the host is a literal private address or a local name; other names are checked at each delivery. */
    private static boolean privateHost(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost") || h.toLowerCase(java.util.Locale.ROOT).endsWith(".localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return PrivateAddresses.isPrivate(java.net.InetAddress.getByName(h));
        } catch (java.net.UnknownHostException e) {
            return true;
        }
    }

    /** The tenant's live endpoints, oldest first. */
    @Transactional
    public List<Endpoint> list(UUID tenantId) {
        return endpoints(tenantId).stream().map(Endpoint::of).toList();
    }

    private List<WebhookEndpoint> endpoints(UUID tenantId) {
        return em.createQuery("from WebhookEndpoint e where e.tenantId = :t and e.disabledAt is null "
                + "order by e.createdAt, e.id", WebhookEndpoint.class).setParameter("t", tenantId).getResultList();
    }

    @Transactional
    public void remove(Actor actor, UUID tenantId, UUID id) {
        WebhookEndpoint endpoint = em.find(WebhookEndpoint.class, id);
        if (endpoint == null || !endpoint.tenantId.equals(tenantId) || endpoint.disabledAt != null) {
            throw new NotFound("webhook");
        }
        endpoint.disabledAt = clock.instant();
        audit.changed(actor, new Audit.Entry("webhook.delete", "webhook_endpoint", id, tenantId, endpoint.url, null,
                null));
    }

    /** The events of the scope's tenants after {@code afterSeq}, oldest first. */
    @Transactional
    public List<Event> events(Scope scope, long afterSeq, int limit) {
        return em.createQuery("from OutboxEvent e where e.tenantId in :t and e.seq > :s order by e.seq",
                OutboxEvent.class).setParameter("t", scope.tenantIds()).setParameter("s", afterSeq)
                .setMaxResults(limit).getResultStream().map(Event::of).toList();
    }

    /**
     * The deliveries of one event to the endpoints of the scope's tenants, as each endpoint's owner sees them. An
     * event of a reseller's customer is also delivered to the reseller's endpoints; those deliveries are the
     * reseller's, so the customer (or a token narrowed to it) never sees them.
     */
    @Transactional
    public List<Delivery> deliveries(Scope scope, UUID eventId) {
        event(scope, eventId);
        return em.createQuery("from WebhookDelivery d where d.eventId = :e and d.endpointId in "
                + "(select p.id from WebhookEndpoint p where p.tenantId in :t) order by d.endpointId",
                WebhookDelivery.class).setParameter("e", eventId).setParameter("t", scope.tenantIds())
                .getResultStream().map(Delivery::of).toList();
    }

    /** Sends the event again to each of the caller's live endpoints, whatever happened to it before. */
    @Transactional
    public int replay(UUID tenantId, Scope scope, UUID eventId) {
        OutboxEvent event = event(scope, eventId);
        int queued = 0;
        for (WebhookEndpoint endpoint : endpoints(tenantId)) {
            WebhookDelivery delivery = em.createQuery("from WebhookDelivery d where d.eventId = :e "
                    + "and d.endpointId = :p", WebhookDelivery.class).setParameter("e", event.id)
                    .setParameter("p", endpoint.id).getResultStream().findFirst().orElse(null);
            if (delivery == null) {
                outbox.queue(event, endpoint);
            } else {
                delivery.state = WebhookDelivery.State.PENDING;
                delivery.attempts = 0;
                delivery.runAfter = clock.instant();
            }
            queued++;
        }
        return queued;
    }

    private OutboxEvent event(Scope scope, UUID eventId) {
        OutboxEvent event = em.find(OutboxEvent.class, eventId);
        if (event == null || !scope.covers(event.tenantId)) {
            throw new NotFound("event");
        }
        return event;
    }
}
