package io.innkeeper.portal.admin.backups;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.provisioning.backup.BackupStorage;
import io.innkeeper.provisioning.backup.BackupTargets;
import io.innkeeper.tenancy.Caller;

/**
 * The backup targets for admins: what each holds, whether it answers, and files named as backups that no backup owns
 * (orphans), with a button that removes a target's orphans. Targets are configured, not edited here.
 */
@Path(AdminLinks.BACKUPS)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminBackups {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<BackupStorage.Target> targets, Integer removed);
    }

    @Inject
    BackupStorage storage;

    @Inject
    BackupTargets targets;

    @Inject
    Caller caller;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance list(@RestQuery Integer removed) {
        return Templates.list(storage.report(), removed);
    }

    @POST
    @Path("orphans")
    public Response removeOrphans(@RestForm String target) {
        var chosen = target == null ? null : targets.all().get(target);
        if (chosen == null) {
            throw InvalidInput.of("target", "Choose one of the configured backup targets.");
        }
        int removed = storage.removeOrphans(chosen);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> audit.changed(caller.actor(),
                new Audit.Entry("backup.orphans-removed", "backup_target", null, null, chosen + ": " + removed,
                        null, null)));
        return Response.seeOther(URI.create(AdminLinks.BACKUPS + "?removed=" + removed)).build();
    }
}
