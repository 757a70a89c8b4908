package io.innkeeper.portal.tenant;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.account.Webhooks;
import io.innkeeper.tenancy.Caller;

/**
 * The account's webhook endpoints (made through the API) and each one's delivery log: every event sent to it, how
 * it went (state, attempts, the receiver's last answer), with a replay and a ping. Changes answer
 * post/redirect/get.
 */
@Path(Links.WEBHOOKS)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class WebhookPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance endpoints(List<Webhooks.Endpoint> endpoints);

        static native TemplateInstance log(LogView view);
    }

    /** One endpoint's log page: a page of deliveries, the cursor of the next (older) one, and what just happened. */
    public record LogView(Webhooks.Endpoint endpoint, List<Row> rows, Long older, String notice) {

        public String events() {
            return endpoint.events() == null ? "every event" : String.join(", ", endpoint.events());
        }
    }

    /** A delivery as the log shows it. */
    public record Row(Webhooks.LogEntry entry) {

        public String stateLabel() {
            return switch (entry.state()) {
                case DELIVERED -> "delivered";
                case PENDING -> entry.attempts() == 0 ? "queued" : "retrying";
                case FAILED -> "failed";
            };
        }

        public String response() {
            return entry.lastStatus() == null ? (entry.lastError() == null ? "none yet" : "no answer")
                    : String.valueOf(entry.lastStatus());
        }
    }

    @Inject
    Caller caller;

    @Inject
    Webhooks webhooks;

    @GET
    public TemplateInstance endpoints() {
        return Templates.endpoints(webhooks.list(caller.scopeTenant()));
    }

    @GET
    @Path("{id}")
    public TemplateInstance log(@RestPath UUID id, @RestQuery Long before, @RestQuery String done) {
        UUID tenant = caller.scopeTenant();
        Webhooks.Endpoint endpoint = webhooks.get(tenant, id);
        List<Webhooks.LogEntry> entries = webhooks.log(tenant, id, before, Webhooks.LOG_PAGE);
        Long older = entries.size() < Webhooks.LOG_PAGE ? null : entries.get(entries.size() - 1).seq();
        String notice = "ping".equals(done) ? "A ping is on its way; reload to see how it went."
                : "replay".equals(done) ? "The event is queued again; reload to see how it went." : null;
        return Templates.log(new LogView(endpoint, entries.stream().map(Row::new).toList(), older, notice));
    }

    @POST
    @Path("{id}/ping")
    public Response ping(@RestPath UUID id) {
        webhooks.ping(caller.actor(), caller.scopeTenant(), id);
        return Response.seeOther(URI.create(Links.webhook(id) + "?done=ping")).build();
    }

    @POST
    @Path("{id}/deliveries/{event}/replay")
    public Response replay(@RestPath UUID id, @RestPath UUID event) {
        webhooks.replayTo(caller.scopeTenant(), id, event);
        return Response.seeOther(URI.create(Links.webhook(id) + "?done=replay")).build();
    }
}
