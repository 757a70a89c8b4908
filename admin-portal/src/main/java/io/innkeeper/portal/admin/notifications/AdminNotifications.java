package io.innkeeper.portal.admin.notifications;

import java.net.URI;
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

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.notify.NotificationAdmin;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.tenancy.Caller;

/** Notification mail across all accounts: sent, pending and failed with their errors, by state and account; resend. */
@Path(AdminLinks.NOTIFICATIONS)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminNotifications {

    /** The filter form's values as typed, shown back in the form. */
    public record Typed(String state, String tenant) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Typed typed, NotificationAdmin.Page page, FieldErrors errors,
                String query);
    }

    @Inject
    NotificationAdmin notifications;

    @Inject
    Caller caller;

    @GET
    public Response list(@RestQuery String state, @RestQuery String tenant, @RestQuery Integer page) {
        Typed typed = new Typed(state == null ? "" : state, tenant == null ? "" : tenant);
        NotificationAdmin.Filter filter;
        FieldErrors errors = new FieldErrors();
        try {
            filter = NotificationAdmin.Filter.parse(state, tenant);
        } catch (InvalidInput e) {
            filter = new NotificationAdmin.Filter(null, null);
            errors = e.errors();
        }
        String query = (filter.state() == null ? "" : "state=" + filter.state() + "&")
                + (filter.tenantId() == null ? "" : "tenant=" + filter.tenantId() + "&");
        return Response.status(errors.isEmpty() ? 200 : 422).entity(Templates.list(typed,
                notifications.list(filter, page == null ? 1 : page), errors, query)).build();
    }

    @POST
    @Path("{id}/resend")
    public Response resend(@RestPath UUID id) {
        notifications.resend(caller.actor(), id);
        return Response.seeOther(URI.create(AdminLinks.NOTIFICATIONS)).build();
    }
}
