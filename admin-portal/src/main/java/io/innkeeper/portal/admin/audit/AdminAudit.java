package io.innkeeper.portal.admin.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.audit.AuditLog;
import io.innkeeper.audit.AuditSearch;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.portal.admin.AdminLinks;

/** The audit log: who did what to which object, when, from where, with the values before and after. */
@Path(AdminLinks.AUDIT)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminAudit {

    static final int PAGE_SIZE = 50;

    /** The search form's values as typed, shown back in the form. */
    public record Typed(String actor, String action, String tenant, String from, String to) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Typed typed, AuditSearch search, AuditRow.Page page, FieldErrors errors);

        static native TemplateInstance list$entries(Typed typed, AuditSearch search, AuditRow.Page page,
                FieldErrors errors);
    }

    @Inject
    AuditLog log;

    @GET
    public Response list(@RestQuery String actor, @RestQuery String action, @RestQuery String tenant,
            @RestQuery String from, @RestQuery String to, @RestQuery String after,
            @RestHeader("HX-Request") boolean htmx) {
        Typed typed = new Typed(actor, action, tenant, from, to);
        AuditSearch search;
        FieldErrors errors = new FieldErrors();
        int status = 200;
        try {
            search = AuditSearch.parse(actor, action, tenant, from, to, after);
        } catch (InvalidInput e) {
            search = AuditSearch.none();
            errors = e.errors();
            status = 422;
        }
        AuditRow.Page page = AuditRow.Page.of(log.search(search, PAGE_SIZE));
        TemplateInstance body = htmx ? Templates.list$entries(typed, search, page, errors)
                : Templates.list(typed, search, page, errors);
        return Response.status(status).entity(body).build();
    }
}
