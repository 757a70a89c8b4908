package io.innkeeper.portal.tenant;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.notify.Choices;
import io.innkeeper.notify.UnsubscribeTokens;

/**
 * An unsubscribe link from a mail, opened in a browser: which mail it stops, for whom, and a button. No sign-in: the
 * signed token is the permission. The button and a mail provider's one-click request (RFC 8058) are both a POST to
 * the same address, answered by {@link OneClickUnsubscribe} outside the CSRF filter. A bad or forged token is 404.
 */
@Path(Links.UNSUBSCRIBE)
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class UnsubscribePages {

    /** What a valid link stops: the topic's name and the login whose mail it is. */
    public record Stop(String token, String topic, String login) {

        static Stop of(String token, UnsubscribeTokens.Subject s) {
            return new Stop(token, TopicLabels.label(s.topic()), s.login());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(Stop stop);

        static native TemplateInstance done(Stop stop);

        static native TemplateInstance unknown();
    }

    @Inject
    Choices choices;

    @GET
    @Path("{token}")
    public Response show(@RestPath String token) {
        return choices.read(token).map(s -> Response.ok(Templates.confirm(Stop.of(token, s))).build())
                .orElseGet(() -> Response.status(404).entity(Templates.unknown()).build());
    }
}
