package io.innkeeper.web;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import io.innkeeper.kernel.Busy;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.kernel.Text;
import io.innkeeper.tenancy.AccountChoice;

/**
 * One place that turns failures into answers a person understands: an HTML page for browsers, problem+json
 * (RFC 9457) for API clients. No stack trace leaves the server.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail, String requestId);
    }

    @Inject
    UriInfo uri;

    @Inject
    HttpHeaders headers;

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return answer(404, "Not found", "There is nothing here, or it is not yours to see.", Map.of());
    }

    @ServerExceptionMapper
    public Response notFound(jakarta.ws.rs.NotFoundException e) {
        return answer(404, "Not found", "There is nothing here, or it is not yours to see.", Map.of());
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        String detail = e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage()
                : "Your account does not have access to this page.";
        return answer(403, "Access denied", detail, Map.of());
    }

    /** A request naming an account its login is not in: refused, naming the header, never served another. */
    @ServerExceptionMapper
    public Response notYourAccount(AccountChoice.Refused e) {
        return answer(403, "Not your account", e.getMessage(), Map.of(e.field(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response forbidden(jakarta.ws.rs.ForbiddenException e) {
        return answer(403, "Access denied", "Your account does not have access to this page.", Map.of());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInput e) {
        return answer(400, "Invalid input", "Some fields need attention.", e.errors().asMap());
    }

    @ServerExceptionMapper
    public Response busy(Busy e) {
        return retryLater(e.getMessage());
    }

    /** A database that cannot hand out a connection in time is a passing overload, not a fault: 503, try again. */
    @ServerExceptionMapper
    public Response persistence(jakarta.persistence.PersistenceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException && t.getMessage() != null
                    && t.getMessage().contains("acquisition timeout")) {
                return retryLater("The panel is very busy right now; try again in a few seconds.");
            }
        }
        return unexpected(e);
    }

    private Response retryLater(String detail) {
        Response answer = answer(503, "Busy", detail, Map.of());
        return Response.fromResponse(answer).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return answer(status, title, title + ".", Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e instanceof UnauthorizedException || e instanceof AuthenticationFailedException) {
            return answer(401, "Sign-in needed", "Sign in to continue.", Map.of());
        }
        if (bodyCutOff(e)) {
            // The client went away while sending its body (a timeout, a load generator stopping): not our failure.
            LOG.debugf("request body cut off on %s: %s", uri.getPath(), e.getMessage());
            return answer(400, "Request cut off", "The request body ended before it was complete; send it again.",
                    Map.of());
        }
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return answer(500, "Something went wrong",
                "The panel could not finish this request and nothing was changed by it. "
                        + "If it happens again, give support the request id below.",
                Map.of());
    }

    private static boolean bodyCutOff(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    /** How much of a field's name or message an answer repeats: a refusal may quote what was sent. */
    static final int FIELD_NAME_MAX = 100;
    static final int FIELD_MESSAGE_MAX = 300;

    Response answer(int status, String title, String detail, Map<String, String> given) {
        String requestId = String.valueOf(MDC.get(RequestIds.MDC_KEY));
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        given.forEach((field, message) -> fields.putIfAbsent(Text.clip(field, FIELD_NAME_MAX),
                Text.clip(message, FIELD_MESSAGE_MAX)));
        if (wantsJson()) {
            return Response.status(status).type(PROBLEM_JSON)
                    .entity(new Problem(URI.create("about:blank"), title, status, detail,
                            Text.clip(uri.getPath(), FIELD_MESSAGE_MAX), requestId, fields))
                    .build();
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(status, title, fields.isEmpty() ? detail : detail + " "
                        + String.join(" ", fields.values()), requestId))
                .build();
    }

    private boolean wantsJson() {
        if (Paths.isApi(uri.getPath())) {
            return true;
        }
        return headers.getAcceptableMediaTypes().stream().noneMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE)
                && !m.isWildcardType())
                && headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.getSubtype().endsWith("json"));
    }

    /** RFC 9457 problem details, with the offending fields named. */
    public record Problem(URI type, String title, int status, String detail, String instance, String requestId,
            Map<String, String> errors) {
    }
}
