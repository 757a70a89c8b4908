package io.innkeeper.portal.admin.catalog;

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

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.provisioning.template.OsTemplates;
import io.innkeeper.tenancy.Caller;

/** OS templates: create and edit. */
@Path(AdminLinks.TEMPLATES)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminTemplates {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<OsTemplates.TemplateRow> templates, TemplateForm form,
                FieldErrors errors);

        static native TemplateInstance edit(UUID id, TemplateForm form, FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    OsTemplates templates;

    @Inject
    Nodes nodes;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance list() {
        return Templates.list(templates.list(), TemplateForm.empty(), new FieldErrors());
    }

    @POST
    public Response create(@RestForm String code, @RestForm String name, @RestForm String guestTypes,
            @RestForm String image, @RestForm boolean onSale) {
        TemplateForm form = new TemplateForm(code, name, guestTypes, image, onSale);
        try {
            templates.save(audit.by(caller.actor()), form.parse(null, nodes.guestTypes()));
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.list(templates.list(), form, e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.TEMPLATES)).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance edit(@RestPath UUID id) {
        return Templates.edit(id, TemplateForm.of(templates.get(id)), new FieldErrors());
    }

    @POST
    @Path("{id}")
    public Response update(@RestPath UUID id, @RestForm String name, @RestForm String guestTypes,
            @RestForm String image, @RestForm boolean onSale) {
        TemplateForm form = new TemplateForm(templates.get(id).code(), name, guestTypes, image, onSale);
        try {
            templates.save(audit.by(caller.actor()), form.parse(id, nodes.guestTypes()));
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.edit(id, form, e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.TEMPLATES)).build();
    }
}
