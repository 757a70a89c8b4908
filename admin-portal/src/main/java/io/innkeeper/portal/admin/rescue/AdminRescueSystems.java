package io.innkeeper.portal.admin.rescue;

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
import io.innkeeper.provisioning.rescue.RescueSystems;
import io.innkeeper.tenancy.Caller;

/** Rescue systems per region: list, add, edit and remove; {@link RescueSystems} checks every field. */
@Path(AdminLinks.RESCUE_SYSTEMS)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminRescueSystems {

    /** The form as typed; {@code region} is the id chosen, as text. */
    public record Form(String region, String name, String kernel, String initrd, String cmdline) {

        static final Form EMPTY = new Form("", "", "", "", "console=ttyS0");

        static Form of(RescueSystems.RescueRow r) {
            return new Form(r.regionId().toString(), r.name(), r.kernel(), r.initrd(), r.cmdline());
        }

        RescueSystems.SaveRescueSystem command(UUID id) {
            UUID regionId;
            try {
                regionId = region == null || region.isBlank() ? null : UUID.fromString(region.strip());
            } catch (IllegalArgumentException e) {
                regionId = null;
            }
            return new RescueSystems.SaveRescueSystem(id, regionId, name, kernel, initrd, cmdline);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<RescueSystems.RescueRow> systems, List<Nodes.RegionRow> regions,
                Form form, FieldErrors errors);

        static native TemplateInstance edit(UUID id, List<Nodes.RegionRow> regions, Form form, FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    RescueSystems systems;

    @Inject
    Nodes nodes;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance list() {
        return Templates.list(systems.list(), nodes.regions(), Form.EMPTY, new FieldErrors());
    }

    @POST
    public Response create(@RestForm String region, @RestForm String name, @RestForm String kernel,
            @RestForm String initrd, @RestForm String cmdline) {
        Form form = new Form(region, name, kernel, initrd, cmdline);
        try {
            systems.save(audit.by(caller.actor()), form.command(null));
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.list(systems.list(), nodes.regions(), form, e.errors()))
                    .build();
        }
        return Response.seeOther(URI.create(AdminLinks.RESCUE_SYSTEMS)).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance edit(@RestPath UUID id) {
        return Templates.edit(id, nodes.regions(), Form.of(systems.get(id)), new FieldErrors());
    }

    @POST
    @Path("{id}")
    public Response update(@RestPath UUID id, @RestForm String region, @RestForm String name,
            @RestForm String kernel, @RestForm String initrd, @RestForm String cmdline) {
        Form form = new Form(region, name, kernel, initrd, cmdline);
        try {
            systems.save(audit.by(caller.actor()), form.command(id));
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.edit(id, nodes.regions(), form, e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.RESCUE_SYSTEMS)).build();
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath UUID id) {
        try {
            systems.delete(audit.by(caller.actor()), id);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.edit(id, nodes.regions(), Form.of(systems.get(id)),
                    e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.RESCUE_SYSTEMS)).build();
    }
}
