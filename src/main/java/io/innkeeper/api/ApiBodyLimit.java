package io.innkeeper.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Refuses an API request whose declared body is larger than any API operation takes, before it is read, with 413
 * and problem+json. A body sent without a length is measured as it is read ({@link ApiJson}).
 */
@ApplicationScoped
public class ApiBodyLimit {

    /** The largest JSON body an API operation takes. */
    public static final int MAX_BYTES = 64 * 1024;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && rc.normalizedPath().startsWith(ApiTokenMechanism.API_PATH)) {
                long bytes;
                try {
                    bytes = Long.parseLong(length.strip());
                } catch (NumberFormatException e) {
                    bytes = Long.MAX_VALUE;
                }
                if (bytes > MAX_BYTES) {
                    rc.response().putHeader("Connection", "close");
                    ApiProblems.write(rc, 413, "Body too large",
                            "An API request body may be at most " + MAX_BYTES + " bytes.");
                    return;
                }
            }
            rc.next();
        }, 900);
    }
}
