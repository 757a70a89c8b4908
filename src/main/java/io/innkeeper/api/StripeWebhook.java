package io.innkeeper.api;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import io.innkeeper.billing.card.StripeEvents;

/**
 * Stripe's webhook endpoint, {@value #PATH}: no session, no tenant, no CSRF token (Stripe has none); the
 * {@code Stripe-Signature} header over the exact body bytes is the whole permission. Answered in front of the REST
 * layer so the body reaches the check untouched. A bad signature is 400 (Stripe shows it on the dashboard); an event
 * taken or ignored is 200; a failure while booking is 500, and Stripe sends the event again later.
 */
@ApplicationScoped
public class StripeWebhook {

    public static final String PATH = "/webhooks/stripe";
    /** Stripe's events are a few kilobytes; this is far above them. */
    static final long MAX_BYTES = 256 * 1024;

    private static final Logger LOG = Logger.getLogger(StripeWebhook.class);

    @Inject
    StripeEvents events;

    void register(@Observes Router router) {
        router.post(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BYTES))
                .blockingHandler(this::handle, false);
    }

    void handle(RoutingContext rc) {
        String payload = rc.body().buffer() == null ? "" : rc.body().buffer().toString(StandardCharsets.UTF_8);
        int status;
        String answer;
        try {
            answer = "{\"handled\":\"" + events.handle(payload, rc.request().getHeader("Stripe-Signature")).name()
                    .toLowerCase(java.util.Locale.ROOT) + "\"}";
            status = 200;
        } catch (StripeEvents.BadSignature e) {
            LOG.infof("Stripe webhook refused: %s", e.getMessage());
            answer = "{\"error\":\"bad signature\"}";
            status = 400;
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(answer);
    }
}
