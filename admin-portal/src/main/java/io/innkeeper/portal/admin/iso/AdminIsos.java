package io.innkeeper.portal.admin.iso;

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
import io.innkeeper.provisioning.iso.IsoLibrary;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.tenancy.Caller;

/** The ISO library per region: list, add, remove. Customers attach these to their VMs as CD-ROMs. */
@Path(AdminLinks.ISOS)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminIsos {

    /** What the admin typed into the add form, shown again with the errors. */
    public record IsoForm(String regionId, String name, String fileName, String sha256) {

        static IsoForm empty() {
            return new IsoForm("", "", "", "");
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<IsoLibrary.IsoRow> isos, List<Nodes.RegionRow> regions, IsoForm form,
                FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    IsoLibrary library;

    @Inject
    Nodes nodes;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance list() {
        return Templates.list(library.list(), nodes.regions(), IsoForm.empty(), new FieldErrors());
    }

    @POST
    public Response add(@RestForm String regionId, @RestForm String name, @RestForm String fileName,
            @RestForm String sha256) {
        IsoForm form = new IsoForm(regionId, name, fileName, sha256);
        try {
            library.add(audit.by(caller.actor()), new IsoLibrary.AddIso(uuid(regionId), name, fileName, sha256));
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.list(library.list(), nodes.regions(), form, e.errors()))
                    .build();
        }
        return Response.seeOther(URI.create(AdminLinks.ISOS)).build();
    }

    @POST
    @Path("{id}/remove")
    public Response remove(@RestPath UUID id) {
        try {
            library.remove(audit.by(caller.actor()), id);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.list(library.list(), nodes.regions(), IsoForm.empty(),
                    e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.ISOS)).build();
    }

    private static UUID uuid(String raw) {
        try {
            return raw == null || raw.isBlank() ? null : UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
