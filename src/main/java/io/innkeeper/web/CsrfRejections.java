package io.innkeeper.web;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The CSRF filter rejects a bad or missing token with a bare 400. This gives that answer words: the form most
 * likely came from another site or an old tab, and nothing was done.
 */
public class CsrfRejections {

    @Inject
    ErrorPages errors;

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 400 && !response.hasEntity() && !isSafe(request.getMethod())) {
            var answer = errors.answer(400, "Form expired",
                    "This form was sent without a valid security token, so nothing was changed. "
                            + "Reload the page and try again.",
                    Map.of("csrf", "missing or wrong CSRF token"));
            response.setEntity(answer.getEntity(), null, answer.getMediaType());
        }
    }

    private static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }
}
