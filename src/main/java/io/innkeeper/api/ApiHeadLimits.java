package io.innkeeper.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Refuses an API request whose URI or headers are longer than the API takes, with 414 or 431 and problem+json.
 * The HTTP server itself answers such requests with a bare status, so its own limits
 * ({@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size}) are set well above these and
 * the API's limits are kept here; only a request past the server's limits still gets the bare answer.
 */
@ApplicationScoped
public class ApiHeadLimits {

    /** The longest request URI (path and query) the API takes. */
    public static final int MAX_URI = 4096;

    /** The most bytes of header names and values the API takes. */
    public static final int MAX_HEADERS = 20 * 1024;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (rc.normalizedPath().startsWith(ApiTokenMechanism.API_PATH)) {
                if (rc.request().uri().length() > MAX_URI) {
                    rc.response().putHeader("Connection", "close");
                    ApiProblems.write(rc, 414, "URI too long",
                            "An API request URI may be at most " + MAX_URI + " characters.");
                    return;
                }
                long headers = 0;
                for (Map.Entry<String, String> header : rc.request().headers()) {
                    headers += header.getKey().length() + header.getValue().length();
                }
                if (headers > MAX_HEADERS) {
                    rc.response().putHeader("Connection", "close");
                    ApiProblems.write(rc, 431, "Headers too large",
                            "An API request's headers may be at most " + MAX_HEADERS + " bytes.");
                    return;
                }
            }
            rc.next();
        }, 910);
    }
}
