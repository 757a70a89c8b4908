package io.innkeeper.portal.tenant;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import io.innkeeper.audit.Actor;
import io.innkeeper.notify.Choices;
import io.innkeeper.notify.UnsubscribeTokens;
import io.innkeeper.web.RequestIds;

/**
 * The one-click unsubscribe (RFC 8058): a mail provider POSTs {@code List-Unsubscribe=One-Click} to the link in the
 * mail's header, with no cookies, so no CSRF token; the page's button posts the same. This one path is answered here,
 * in front of the REST layer and so of its CSRF filter, which still guards every other form. The signed token is the
 * whole permission and the body is not read: the answer is the same whatever it holds. A bad token changes nothing
 * and answers 404.
 */
@ApplicationScoped
public class OneClickUnsubscribe {

    @Inject
    Choices choices;

    void register(@Observes Router router) {
        router.post(Links.UNSUBSCRIBE + "/:token").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .blockingHandler(this::handle, false);
    }

    void handle(RoutingContext rc) {
        String token = rc.pathParam("token");
        String ip = rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
        Optional<UnsubscribeTokens.Subject> done = choices.unsubscribe(new Actor("anonymous", null, ip,
                rc.request().getHeader(RequestIds.HEADER)), token);
        String page = done.map(s -> UnsubscribePages.Templates.done(UnsubscribePages.Stop.of(token, s)).render())
                .orElseGet(() -> UnsubscribePages.Templates.unknown().render());
        rc.response().setStatusCode(done.isPresent() ? 200 : 404).putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Cache-Control", "no-store").end(page);
    }
}
