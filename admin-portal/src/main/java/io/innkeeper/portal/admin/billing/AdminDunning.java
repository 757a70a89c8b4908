package io.innkeeper.portal.admin.billing;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.audit.Audit;
import io.innkeeper.billing.ledger.DunningPolicy;
import io.innkeeper.billing.ledger.DunningSettings;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.tenancy.Caller;

/**
 * Dunning settings: after how many days past the due date an unpaid invoice brings a reminder, suspension and
 * termination. Saved in the database (the configuration is the default until the first save); the next dunning
 * run reads them.
 */
@Path(AdminLinks.DUNNING)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminDunning {

    /** The form as typed, shown again with its errors. */
    public record Form(String reminderDays, String suspendDays, String terminateDays) {

        static Form of(DunningSettings s) {
            return new Form(String.valueOf(s.reminderDays()), String.valueOf(s.suspendDays()),
                    String.valueOf(s.terminateDays()));
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(DunningSettings current, DunningSettings defaults, Form form,
                boolean saved, FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    DunningPolicy policy;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance page(@QueryParam("saved") boolean saved) {
        DunningSettings current = policy.current();
        return Templates.page(current, policy.defaults(), Form.of(current), saved, new FieldErrors());
    }

    @POST
    public Response save(@RestForm String reminderDays, @RestForm String suspendDays,
            @RestForm String terminateDays) {
        Form form = new Form(reminderDays, suspendDays, terminateDays);
        DunningSettings wanted;
        try {
            wanted = DunningSettings.parse(reminderDays, suspendDays, terminateDays);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.page(policy.current(), policy.defaults(), form, false,
                    e.errors())).build();
        }
        policy.save(audit.by(caller.actor()), wanted, caller.login());
        return Response.seeOther(URI.create(AdminLinks.DUNNING + "?saved=true")).build();
    }
}
