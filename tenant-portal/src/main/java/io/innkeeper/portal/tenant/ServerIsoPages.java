package io.innkeeper.portal.tenant;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.orders.iso.ServerIso;
import io.innkeeper.tenancy.Caller;

/**
 * The server page's CD-ROM card: the ISO in the drive, the ISOs of the server's region, insert, eject and the boot
 * device. htmx loads the card into the server page and swaps it after each change; without JavaScript it is a page
 * of its own and each change comes back to the server page.
 */
@Path(Links.SERVERS + "/{id}/iso")
@Produces(MediaType.TEXT_HTML)
public class ServerIsoPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(ServerIso.View view, FieldErrors errors);

        static native TemplateInstance page$card(ServerIso.View view, FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    ServerIso iso;

    @GET
    public TemplateInstance show(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        return render(id, htmx, new FieldErrors());
    }

    @POST
    public Response insert(@RestPath UUID id, @RestForm String isoId, @RestHeader("HX-Request") boolean htmx) {
        return change(id, htmx, () -> iso.insert(caller.actor(), caller.scope(), caller.role(), id, uuid(isoId)));
    }

    @POST
    @Path("eject")
    public Response eject(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        return change(id, htmx, () -> iso.eject(caller.actor(), caller.scope(), caller.role(), id));
    }

    @POST
    @Path("boot")
    public Response boot(@RestPath UUID id, @RestForm String bootFrom, @RestHeader("HX-Request") boolean htmx) {
        return change(id, htmx, () -> iso.bootFrom(caller.actor(), caller.scope(), caller.role(), id,
                bootChoice(bootFrom)));
    }

    /** htmx swaps the card; without JavaScript the browser goes back to the server page, or sees the error here. */
    private Response change(UUID id, boolean htmx, Runnable action) {
        try {
            action.run();
        } catch (InvalidInput e) {
            return Response.status(htmx ? 200 : 422).entity(render(id, htmx, e.errors())).build();
        }
        return htmx ? Response.ok(render(id, true, new FieldErrors())).build()
                : Response.seeOther(URI.create(Links.server(id) + "#cdrom")).build();
    }

    private TemplateInstance render(UUID id, boolean card, FieldErrors errors) {
        ServerIso.View view = iso.view(caller.scope(), caller.role(), id);
        return card ? Templates.page$card(view, errors) : Templates.page(view, errors);
    }

    private static UUID uuid(String raw) {
        try {
            return raw == null || raw.isBlank() ? null : UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ServerIso.BootFrom bootChoice(String raw) {
        try {
            return raw == null ? null : ServerIso.BootFrom.valueOf(raw.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
