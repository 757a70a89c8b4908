package io.innkeeper.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * Keeps Back from showing a bare fragment, for every page of both portals. A page answers the whole page, or with
 * {@code HX-Request} (and {@code HX-Target}) one fragment of it, at the same URL. So every HTML answer says that it
 * varies by those headers, and the browser never takes a cached fragment for the page. And when htmx restores a
 * pushed URL it has no copy of ({@code HX-History-Restore-Request}), it needs the whole page: the request reaches
 * the pages without its htmx headers, so each answers as to a browser.
 */
@ApplicationScoped
public class HtmxHistory {

    public static final String REQUEST = "HX-Request";
    public static final String TARGET = "HX-Target";
    public static final String TRIGGER = "HX-Trigger";
    public static final String HISTORY_RESTORE = "HX-History-Restore-Request";
    /** What a page's body depends on besides its URL. */
    static final String VARY = REQUEST + ", " + TARGET;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (Paths.isApi(rc.normalizedPath())) {
                // The account API answers JSON, never a fragment: nothing to do for the busiest path.
                rc.next();
                return;
            }
            MultiMap headers = rc.request().headers();
            if ("true".equalsIgnoreCase(headers.get(HISTORY_RESTORE))) {
                headers.remove(REQUEST).remove(TARGET).remove(TRIGGER);
            }
            rc.addHeadersEndHandler(ignored -> {
                MultiMap response = rc.response().headers();
                String type = response.get(HttpHeaders.CONTENT_TYPE);
                if (type != null && type.startsWith("text/html")) {
                    String vary = response.get(HttpHeaders.VARY);
                    response.set(HttpHeaders.VARY, vary == null || vary.isBlank() ? VARY : vary + ", " + VARY);
                }
            });
            rc.next();
        }, 900);
    }
}
