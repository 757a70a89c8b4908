package io.innkeeper.api;

import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.quarkus.micrometer.runtime.binder.vertx.HttpRequestMetric;
import io.vertx.ext.web.RoutingContext;

import io.innkeeper.web.Paths;

/**
 * The account API's limits on a request's head, checked before anything reads the request, with problem+json:
 * a URI longer than {@link #MAX_URI} is 414, headers larger than {@link #MAX_HEADERS} are 431, a declared body
 * larger than {@link #MAX_BYTES} is 413, and a form body (multipart or URL-encoded) is 415.
 * <p>
 * One filter reads the path once: a request for a page or a static file passes at the cost of one prefix test, and
 * an API request pays for the checks once. The HTTP server's own limits
 * ({@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size}) are set well above these, so
 * only a request past the server's limits still gets the server's bare answer. Without the 415, the framework
 * would parse a form body, failing on a bad multipart body or asking it for a portal form's CSRF token, whichever
 * operation and id it was sent to. A body sent without a length is measured as it is read ({@link ApiJson}).
 */
@ApplicationScoped
public class ApiEdge {

    /** The longest request URI (path and query) the API takes. */
    public static final int MAX_URI = 4096;

    /** The most bytes of header names and values the API takes. */
    public static final int MAX_HEADERS = 20 * 1024;

    /** The largest JSON body an API operation takes. */
    public static final int MAX_BYTES = 64 * 1024;

    /** The route name of a request refused here, in the HTTP metrics. */
    static final String REFUSED_ROUTE = "/api/v1/(refused at the edge)";

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (!Paths.isApi(rc.normalizedPath()) || admitted(rc)) {
                rc.next();
            }
        }, 910);
    }

    /** Whether an API request's head is within the limits; if not, the refusal has been written. */
    static boolean admitted(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.uri().length() > MAX_URI) {
            rc.response().putHeader("Connection", "close");
            refuse(rc, 414, "URI too long", "An API request URI may be at most " + MAX_URI + " characters.");
            return false;
        }
        long headers = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headers += header.getKey().length() + header.getValue().length();
        }
        if (headers > MAX_HEADERS) {
            rc.response().putHeader("Connection", "close");
            refuse(rc, 431, "Headers too large",
                    "An API request's headers may be at most " + MAX_HEADERS + " bytes.");
            return false;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && declaredBytes(length) > MAX_BYTES) {
            rc.response().putHeader("Connection", "close");
            refuse(rc, 413, "Body too large", "An API request body may be at most " + MAX_BYTES + " bytes.");
            return false;
        }
        String type = request.getHeader("Content-Type");
        if (type != null && isForm(type)) {
            refuse(rc, 415, "Unsupported media type",
                    "API request bodies are JSON: send Content-Type: application/json.");
            return false;
        }
        return true;
    }

    /**
     * The refusal, timed in the HTTP metrics under one route name: no resource matched the request, so the metrics
     * would otherwise name it by its raw path, one series per server id a client sent.
     */
    private static void refuse(RoutingContext rc, int status, String title, String detail) {
        if (rc.request() instanceof HttpServerRequestInternal internal
                && internal.metric() instanceof HttpRequestMetric metric) {
            metric.setTemplatePath(REFUSED_ROUTE);
        }
        ApiProblems.write(rc, status, title, detail);
    }

    private static long declaredBytes(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static boolean isForm(String contentType) {
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        return type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
    }
}
