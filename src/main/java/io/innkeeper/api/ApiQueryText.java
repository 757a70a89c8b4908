package io.innkeeper.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.kernel.Text;

/**
 * Checks every query and path parameter of an API request against {@link Text}, in one place, before a resource
 * reads it: a query parameter with a control or bidi character, or longer than {@link #MAX} characters, is a 400
 * naming it; a path parameter with one names nothing, so it is a 404.
 */
public class ApiQueryText {

    /** The longest query parameter value an API operation takes (a search term, an id, a cursor). */
    static final int MAX = 1000;

    @ServerRequestFilter
    public void check(HttpServerRequest request, UriInfo uri) {
        String path = request.path();
        if (path == null || !path.startsWith(ApiTokenMechanism.API_PATH)) {
            return;
        }
        // Most requests have neither a query nor an escaped or non-ASCII character in their path, so the path's
        // parameters are plain text already, and the page of servers, the busiest read, checks nothing more.
        if (!plain(path)) {
            checkPath(uri);
        }
        if (request.query() != null) {
            checkQuery(uri);
        }
    }

    /** Whether the raw path is short printable ASCII without escapes: then every parameter in it is plain text. */
    static boolean plain(String rawPath) {
        if (rawPath.length() > MAX) {
            return false;
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%' || c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static void checkPath(UriInfo uri) {
        for (Map.Entry<String, List<String>> param : uri.getPathParameters().entrySet()) {
            for (String value : param.getValue()) {
                if (Text.refusal(value, MAX, false) != null) {
                    throw new NotFound(param.getKey());
                }
            }
        }
    }

    private static void checkQuery(UriInfo uri) {
        FieldErrors errors = new FieldErrors();
        for (Map.Entry<String, List<String>> param : uri.getQueryParameters().entrySet()) {
            if (Text.refusal(param.getKey(), MAX, false) != null) {
                errors.add("query", "A parameter's name must be plain text.");
                continue;
            }
            for (String value : param.getValue()) {
                String refusal = Text.refusal(value, MAX, false);
                if (refusal != null) {
                    errors.add(param.getKey(), refusal);
                }
            }
        }
        errors.throwIfAny();
    }
}
