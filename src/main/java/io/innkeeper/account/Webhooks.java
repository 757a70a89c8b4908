package io.innkeeper.account;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.kernel.WebAddresses;
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

    /** Deliveries still to make, for the operator's metrics, and when the longest-waiting one fell due (or null). */
    public record Backlog(long pending, Instant oldestDue) {
    }

    @Transactional
    public Backlog backlog() {
        Tuple r = (Tuple) em.createNativeQuery("select count(*), min(run_after) from webhook_delivery "
                + "where state = 'PENDING'", Tuple.class).getSingleResult();
        Object oldest = r.get(1);
        return new Backlog(((Number) r.get(0)).longValue(),
                oldest instanceof java.time.OffsetDateTime odt ? odt.toInstant() : (Instant) oldest);
    }

    /** The longest grace period of a rotated secret. */
    public static final Duration MAX_GRACE = Duration.ofDays(7);
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    /** The most deliveries one page of an endpoint's log holds. */
    public static final int LOG_PAGE = 100;

    /**
     * A live endpoint, without its secret: {@code events} is its filter (null for every event), and
     * {@code previousSecretUntil} when the secret before the last rotation stops signing (null when none does).
     */
    public record Endpoint(UUID id, String url, List<String> events, Instant createdAt, Instant previousSecretUntil) {

        static Endpoint of(WebhookEndpoint e, Instant now) {
            return new Endpoint(e.id, e.url, e.events(), e.createdAt,
                    e.previousSecretUntil != null && e.previousSecretUntil.isAfter(now) ? e.previousSecretUntil
                            : null);
        }
    }

    /** A new secret, shown this once, and until when the old one still signs beside it (null: not at all). */
    public record Rotated(Endpoint endpoint, String secret, Instant previousSecretUntil) {
    }

    /** One event's delivery to one endpoint, for the endpoint's log. */
    public record LogEntry(UUID eventId, long seq, String type, Instant createdAt, WebhookDelivery.State state,
            int attempts, Integer lastStatus, String lastError, Instant nextAttempt, Instant deliveredAt) {
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
        return register(actor, tenantId, rawUrl, null);
    }

    /** Registers an endpoint for the events of the filter ({@link EventTypes#filter}; null for every event). */
    @Transactional
    public Registered register(Actor actor, UUID tenantId, String rawUrl, List<String> events) {
        FieldErrors errors = new FieldErrors();
        List<String> filter = EventTypes.filter(events, "events", errors);
        errors.throwIfAny();
        String url = rawUrl == null ? "" : rawUrl.strip();
        WebAddresses.problem(url, 2000).ifPresent(p -> {
            throw InvalidInput.of("url", p);
        });
        URI uri = URI.create(url);
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
        endpoint.eventTypes = EventTypes.stored(filter);
        em.persist(endpoint);
        audit.changed(actor, new Audit.Entry("webhook.create", "webhook_endpoint", endpoint.id, tenantId, url, null,
                Map.of("url", url)));
        return new Registered(Endpoint.of(endpoint, clock.instant()), endpoint.secret);
    }

    @Transactional
    public Endpoint get(UUID tenantId, UUID id) {
        return Endpoint.of(live(tenantId, id), clock.instant());
    }

    /** Sets the event types the endpoint takes (null for every event). */
    @Transactional
    public Endpoint choose(Actor actor, UUID tenantId, UUID id, List<String> events) {
        FieldErrors errors = new FieldErrors();
        List<String> filter = EventTypes.filter(events, "events", errors);
        errors.throwIfAny();
        WebhookEndpoint endpoint = live(tenantId, id);
        String before = endpoint.eventTypes;
        endpoint.eventTypes = EventTypes.stored(filter);
        audit.changed(actor, new Audit.Entry("webhook.events", "webhook_endpoint", id, tenantId, endpoint.url,
                before == null ? null : Map.of("events", before),
                endpoint.eventTypes == null ? null : Map.of("events", endpoint.eventTypes)));
        return Endpoint.of(endpoint, clock.instant());
    }

    /** Queues a signed {@code ping} event for this endpoint alone, whatever its filter; answers the event's id. */
    @Transactional
    public UUID ping(Actor actor, UUID tenantId, UUID id) {
        WebhookEndpoint endpoint = live(tenantId, id);
        OutboxEvent event = outbox.ping(endpoint, Map.of("webhook", id.toString(), "by", actor.login()));
        return event.id;
    }

    /**
     * Gives the endpoint a new secret, shown this once. The old one keeps signing beside it for {@code grace}
     * (0 to {@link #MAX_GRACE}; null for {@link #DEFAULT_GRACE}), so the receiver can take on the new one without
     * refusing a delivery; a secret still in an earlier grace period stops signing at once.
     */
    @Transactional
    public Rotated rotate(Actor actor, UUID tenantId, UUID id, Duration grace) {
        Duration wait = grace == null ? DEFAULT_GRACE : grace;
        if (wait.isNegative() || wait.compareTo(MAX_GRACE) > 0) {
            throw InvalidInput.of("graceSeconds", "Give a grace period of 0 to " + MAX_GRACE.toSeconds()
                    + " seconds (7 days).");
        }
        WebhookEndpoint endpoint = live(tenantId, id);
        Instant now = clock.instant();
        if (wait.isZero()) {
            endpoint.previousSecret = null;
            endpoint.previousSecretUntil = null;
        } else {
            endpoint.previousSecret = endpoint.secret;
            endpoint.previousSecretUntil = now.plus(wait);
        }
        endpoint.secret = TokenSecrets.newWebhookSecret();
        audit.changed(actor, new Audit.Entry("webhook.rotate", "webhook_endpoint", id, tenantId, endpoint.url, null,
                Map.of("graceSeconds", String.valueOf(wait.toSeconds()))));
        return new Rotated(Endpoint.of(endpoint, now), endpoint.secret, endpoint.previousSecretUntil);
    }

    /** The endpoint's deliveries, newest event first, before the event {@code beforeSeq} (null: the newest). */
    @Transactional
    public List<LogEntry> log(UUID tenantId, UUID id, Long beforeSeq, int limit) {
        live(tenantId, id);
        List<WebhookDelivery> deliveries = em.createQuery("from WebhookDelivery d where d.endpointId = :p "
                + "and d.seq < :s order by d.seq desc", WebhookDelivery.class).setParameter("p", id)
                .setParameter("s", beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
                .setMaxResults(Math.max(1, Math.min(limit, LOG_PAGE))).getResultList();
        if (deliveries.isEmpty()) {
            return List.of();
        }
        Map<UUID, OutboxEvent> events = new java.util.HashMap<>();
        em.createQuery("from OutboxEvent e where e.id in :ids", OutboxEvent.class)
                .setParameter("ids", deliveries.stream().map(d -> d.eventId).toList()).getResultStream()
                .forEach(e -> events.put(e.id, e));
        return deliveries.stream().map(d -> {
            OutboxEvent e = events.get(d.eventId);
            return new LogEntry(e.id, e.seq, e.type, e.createdAt, d.state, d.attempts, d.lastStatus, d.lastError,
                    d.state == WebhookDelivery.State.PENDING ? d.runAfter : null, d.deliveredAt);
        }).toList();
    }

    /** Sends one event again to one of the tenant's endpoints (the delivery log's replay). */
    @Transactional
    public void replayTo(UUID tenantId, UUID id, UUID eventId) {
        live(tenantId, id);
        WebhookDelivery delivery = em.createQuery("from WebhookDelivery d where d.eventId = :e and d.endpointId = :p",
                WebhookDelivery.class).setParameter("e", eventId).setParameter("p", id).getResultStream()
                .findFirst().orElseThrow(() -> new NotFound("delivery"));
        requeue(delivery);
    }

    private void requeue(WebhookDelivery delivery) {
        delivery.state = WebhookDelivery.State.PENDING;
        delivery.attempts = 0;
        delivery.runAfter = clock.instant();
    }

    private WebhookEndpoint live(UUID tenantId, UUID id) {
        WebhookEndpoint endpoint = em.find(WebhookEndpoint.class, id);
        if (endpoint == null || !endpoint.tenantId.equals(tenantId) || endpoint.disabledAt != null) {
            throw new NotFound("webhook");
        }
        return endpoint;
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
        Instant now = clock.instant();
        return endpoints(tenantId).stream().map(e -> Endpoint.of(e, now)).toList();
    }

    private List<WebhookEndpoint> endpoints(UUID tenantId) {
        return em.createQuery("from WebhookEndpoint e where e.tenantId = :t and e.disabledAt is null "
                + "order by e.createdAt, e.id", WebhookEndpoint.class).setParameter("t", tenantId).getResultList();
    }

    @Transactional
    public void remove(Actor actor, UUID tenantId, UUID id) {
        WebhookEndpoint endpoint = live(tenantId, id);
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

    /**
     * Sends the event again to each of the caller's live endpoints that takes its type, whatever happened to it
     * before.
     */
    @Transactional
    public int replay(UUID tenantId, Scope scope, UUID eventId) {
        OutboxEvent event = event(scope, eventId);
        int queued = 0;
        for (WebhookEndpoint endpoint : endpoints(tenantId)) {
            if (!endpoint.wants(event.type)) {
                continue;
            }
            WebhookDelivery delivery = em.createQuery("from WebhookDelivery d where d.eventId = :e "
                    + "and d.endpointId = :p", WebhookDelivery.class).setParameter("e", event.id)
                    .setParameter("p", endpoint.id).getResultStream().findFirst().orElse(null);
            if (delivery == null) {
                outbox.queue(event, endpoint);
            } else {
                requeue(delivery);
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
