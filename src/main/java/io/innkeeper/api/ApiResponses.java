package io.innkeeper.api;

import java.net.URI;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.MDC;

import io.vertx.core.http.HttpServerRequest;

import io.innkeeper.web.ErrorPages;
import io.innkeeper.web.RequestIds;

/** Problem+json answers of the API, shaped like {@link ErrorPages}' so clients parse one format. */
@ApplicationScoped
public class ApiResponses {

    @jakarta.inject.Inject
    io.quarkus.vertx.http.runtime.CurrentVertxRequest request;

    public Response problem(int status, String title, String detail, Map<String, String> fields) {
        HttpServerRequest current = request.getCurrent() == null ? null : request.getCurrent().request();
        return Response.status(status).type(ErrorPages.PROBLEM_JSON)
                .entity(new ErrorPages.Problem(URI.create("about:blank"), title, status, detail,
                        current == null ? null : current.path(), String.valueOf(MDC.get(RequestIds.MDC_KEY)),
                        fields))
                .build();
    }
}
