package io.innkeeper.account;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduled;

import io.innkeeper.kernel.Backoff;

/**
 * Delivers queued webhook events. Each endpoint gets its events in order: only the oldest pending delivery of an
 * endpoint is due, so one that fails (receiver down) holds the later ones back until it gets through. A claimed
 * delivery is leased by moving its time on, so replicas never send it at once; a failure waits an exponential
 * backoff. The body is signed ({@link WebhookSignature}) with the endpoint's secret.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final String CLAIM = """
            update webhook_delivery d set run_after = now() + make_interval(secs => :lease), attempts = d.attempts + 1
            where d.id in (select c.id from webhook_delivery c
                           join webhook_endpoint w on w.id = c.endpoint_id and w.disabled_at is null
                           where c.state = 'PENDING' and c.run_after <= now()
                             and not exists (select 1 from webhook_delivery e where e.endpoint_id = c.endpoint_id
                                             and e.state = 'PENDING' and e.seq < c.seq)
                           order by c.seq limit 20 for update skip locked)
            returning d.id
            """;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    WebhookConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    WebhookSender self;

    @Inject
    ExternalRefs externalRefs;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** One signed request, as it goes out. */
    record Outgoing(UUID delivery, String url, String body, String signature, String eventId, String type) {
    }

    @Scheduled(every = "${innkeeper.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            // The database is away or the panel is shutting down: the deliveries stay queued for the next poll.
            LOG.warnf("cannot deliver webhooks: %s", e.getMessage());
        }
    }

    private void deliverDue() {
        for (int round = 0; round < 50; round++) {
            List<Outgoing> due = self.claim();
            if (due.isEmpty()) {
                return;
            }
            for (Outgoing out : due) {
                send(out);
            }
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    List<Outgoing> claim() {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery(CLAIM, UUID.class)
                .setParameter("lease", (double) config.timeout().toSeconds() * 3).getResultList();
        java.time.Instant now = clock.instant();
        return ids.stream().map(id -> {
            WebhookDelivery delivery = em.find(WebhookDelivery.class, id);
            OutboxEvent event = em.find(OutboxEvent.class, delivery.eventId);
            WebhookEndpoint endpoint = em.find(WebhookEndpoint.class, delivery.endpointId);
            String body = body(event);
            return new Outgoing(id, endpoint.url, body,
                    WebhookSignature.header(endpoint.signingSecrets(now), now.getEpochSecond(), body),
                    event.id.toString(), event.type);
        }).toList();
    }

    void send(Outgoing out) {
        int status;
        String error = null;
        try {
            if (!config.allowPrivateAddresses()) {
                for (java.net.InetAddress address : java.net.InetAddress.getAllByName(URI.create(out.url()).getHost())) {
                    if (PrivateAddresses.isPrivate(address)) {
                        self.settle(out.delivery(), 0, "Refused: the endpoint resolves to a private address.");
                        return;
                    }
                }
            }
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(out.url()))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.HEADER, out.signature())
                    .header("Innkeeper-Event-Id", out.eventId())
                    .header("Innkeeper-Event-Type", out.type())
                    .POST(HttpRequest.BodyPublishers.ofString(out.body())).build(),
                    HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
        } catch (java.io.IOException | IllegalArgumentException e) {
            status = 0;
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        self.settle(out.delivery(), status, error);
    }

    @Transactional(TxType.REQUIRES_NEW)
    void settle(UUID id, int status, String error) {
        WebhookDelivery delivery = em.find(WebhookDelivery.class, id);
        delivery.lastStatus = status == 0 ? null : status;
        if (status >= 200 && status < 300) {
            delivery.state = WebhookDelivery.State.DELIVERED;
            delivery.deliveredAt = clock.instant();
            delivery.lastError = null;
            return;
        }
        delivery.lastError = error != null ? error : "HTTP " + status;
        if (delivery.attempts >= config.maxAttempts()) {
            delivery.state = WebhookDelivery.State.FAILED;
            LOG.infof("webhook delivery %s given up after %d attempts: %s", id, delivery.attempts, delivery.lastError);
            return;
        }
        delivery.runAfter = clock.instant().plus(Backoff.after(delivery.attempts, config.backoff(),
                config.maxBackoff()));
    }

    /**
     * The delivered JSON. {@code account} is the account the event is about; when that is a reseller's customer,
     * {@code customer} names it too (its name and the reseller's own reference for it), so a reseller's endpoint,
     * which gets its customers' events as well as its own, can tell them apart.
     */
    private String body(OutboxEvent event) {
        try {
            ObjectNode node = json.createObjectNode();
            node.put("id", event.id.toString());
            node.put("seq", event.seq);
            node.put("type", event.type);
            node.put("subject", event.subject);
            node.put("account", event.tenantId.toString());
            io.innkeeper.tenancy.Tenant tenant = em.find(io.innkeeper.tenancy.Tenant.class, event.tenantId);
            if (tenant != null && tenant.parent != null) {
                ObjectNode customer = node.putObject("customer");
                customer.put("id", tenant.id.toString());
                customer.put("name", tenant.name);
                customer.put("reseller", tenant.parent.id.toString());
                customer.put("externalRef", externalRefs.of(List.of(tenant.id)).get(tenant.id));
            }
            node.put("createdAt", event.createdAt.toString());
            node.set("data", json.readTree(event.data));
            return json.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("outbox data is JSON", e);
        }
    }
}
