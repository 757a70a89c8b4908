package io.innkeeper.portal.tenant;

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

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.orders.backup.ServerBackups;
import io.innkeeper.tenancy.Caller;

/**
 * A server's backups: the list, "Back up now", and restore and delete for each finished one. Restoring replaces
 * the disk, so it asks first on a page of its own that names the server and the backup, and goes ahead only when
 * the server's name is typed. A refusal comes back on the page with the reason (422).
 */
@Path(Links.SERVERS + "/{id}/backups")
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class BackupPages {

    /** The longest confirmation typed: a hostname is at most 253 characters. */
    static final int CONFIRM_MAX = 253;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ServerBackups.View view, FieldErrors errors, boolean saved);

        static native TemplateInstance restore(ServerBackups.View view, ServerBackups.Backup backup,
                FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    ServerBackups backups;

    @GET
    public TemplateInstance list(@RestPath UUID id, @org.jboss.resteasy.reactive.RestQuery String saved) {
        return Templates.list(backups.view(caller.scope(), caller.role(), id), new FieldErrors(),
                "schedule".equals(saved));
    }

    /** The hours a schedule may start in, for the form. */
    @io.quarkus.qute.TemplateExtension(namespace = "backups")
    static java.util.List<Integer> hours() {
        return java.util.stream.IntStream.range(0, 24).boxed().toList();
    }

    @POST
    public Response take(@RestPath UUID id) {
        try {
            backups.take(caller.actor(), caller.scope(), id);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.list(backups.view(caller.scope(), caller.role(), id),
                    e.errors(), false)).build();
        }
        return Response.seeOther(URI.create(Links.backups(id))).build();
    }

    @POST
    @Path("schedule")
    public Response schedule(@RestPath UUID id, @RestForm String every, @RestForm String hourUtc) {
        Integer hour = null;
        if (hourUtc != null && !hourUtc.isBlank()) {
            try {
                hour = Integer.valueOf(hourUtc.strip());
            } catch (NumberFormatException e) {
                hour = -1; // refused with the field's message below
            }
        }
        try {
            backups.setSchedule(caller.actor(), caller.scope(), id, every, hour);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.list(backups.view(caller.scope(), caller.role(), id),
                    e.errors(), false)).build();
        }
        return Response.seeOther(URI.create(Links.backups(id) + "?saved=schedule")).build();
    }

    @GET
    @Path("{backup}/restore")
    public TemplateInstance confirmRestore(@RestPath UUID id, @RestPath UUID backup) {
        return Templates.restore(backups.view(caller.scope(), caller.role(), id),
                backups.get(caller.scope(), id, backup), new FieldErrors());
    }

    @POST
    @Path("{backup}/restore")
    public Response restore(@RestPath UUID id, @RestPath UUID backup, @RestForm String confirm) {
        ServerBackups.Backup chosen = backups.get(caller.scope(), id, backup);
        ServerBackups.View view = backups.view(caller.scope(), caller.role(), id);
        FieldErrors errors = new FieldErrors();
        String typed = confirm == null ? "" : confirm.strip();
        if (typed.length() > CONFIRM_MAX || !typed.equalsIgnoreCase(view.hostname())) {
            errors.add("confirm", "Type the server's name, " + view.hostname() + ", to confirm.");
            return Response.status(422).entity(Templates.restore(view, chosen, errors)).build();
        }
        try {
            backups.restore(caller.actor(), caller.scope(), id, backup);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.restore(view, chosen, e.errors())).build();
        }
        return Response.seeOther(URI.create(Links.server(id))).build();
    }

    /** A new server from the backup: an order of the same plan, template and region; its page comes next. */
    @POST
    @Path("{backup}/new")
    public Response restoreToNew(@RestPath UUID id, @RestPath UUID backup, @RestForm String hostname) {
        ServerBackups.Backup chosen = backups.get(caller.scope(), id, backup);
        UUID made;
        try {
            made = backups.restoreToNew(caller.actor(), caller.scope(), id, backup, hostname, null);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.restore(backups.view(caller.scope(), caller.role(), id),
                    chosen, e.errors())).build();
        }
        return Response.seeOther(URI.create(Links.server(made))).build();
    }

    @POST
    @Path("{backup}/delete")
    public Response delete(@RestPath UUID id, @RestPath UUID backup) {
        try {
            backups.delete(caller.actor(), caller.scope(), id, backup);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.list(backups.view(caller.scope(), caller.role(), id),
                    e.errors(), false)).build();
        }
        return Response.seeOther(URI.create(Links.backups(id))).build();
    }
}
