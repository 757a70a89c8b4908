package io.innkeeper.api;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * The API takes JSON bodies only. A form body (multipart or URL-encoded) is refused with 415 and problem+json
 * before anything reads it: the framework would otherwise parse it as a form, failing on a bad multipart body or
 * asking it for a portal form's CSRF token, whichever operation and id it was sent to.
 */
@ApplicationScoped
public class ApiBodyTypes {

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String type = rc.request().getHeader("Content-Type");
            if (type != null && rc.normalizedPath().startsWith(ApiTokenMechanism.API_PATH) && isForm(type)) {
                ApiProblems.write(rc, 415, "Unsupported media type",
                        "API request bodies are JSON: send Content-Type: application/json.");
                return;
            }
            rc.next();
        }, 890);
    }

    static boolean isForm(String contentType) {
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        return type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
    }
}
