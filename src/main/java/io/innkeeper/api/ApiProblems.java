package io.innkeeper.api;

import org.jboss.logging.MDC;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import io.innkeeper.kernel.Text;
import io.innkeeper.web.RequestIds;

/** Problem+json answers written before a request reaches a resource (authentication, body size). */
final class ApiProblems {

    private ApiProblems() {
    }

    static void write(RoutingContext context, int status, String title, String detail) {
        write(context, status, title, detail, "Bearer realm=\"innkeeper\"");
    }

    /** As {@link #write(RoutingContext, int, String, String)}, with the WWW-Authenticate challenge of a 401. */
    static void write(RoutingContext context, int status, String title, String detail, String challenge) {
        JsonObject body = new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", Text.clip(context.normalizedPath(), 200))
                .put("requestId", String.valueOf(MDC.get(RequestIds.MDC_KEY)))
                .put("errors", new JsonObject());
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("WWW-Authenticate", status == 401 ? challenge : null);
        if (status != 401) {
            context.response().headers().remove("WWW-Authenticate");
        }
        context.response().end(body.encode());
    }
}
