package io.innkeeper.portal.admin.jobs;

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
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.JobAdmin;
import io.innkeeper.tenancy.Caller;

/** Failed and stuck jobs with their errors; retry, or resolve by hand after fixing the host. */
@Path(AdminLinks.JOBS)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminJobs {

    static final int LIMIT = 200;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<JobRow> failed, List<JobRow> stuck, List<GuestStatus> statuses,
                UUID errorJob, FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    JobAdmin jobs;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance list() {
        return page(null, new FieldErrors());
    }

    @POST
    @Path("{id}/retry")
    public Response retry(@RestPath UUID id) {
        try {
            jobs.retry(audit.by(caller.actor()), id);
        } catch (InvalidInput e) {
            return Response.status(409).entity(page(id, e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.JOBS)).build();
    }

    @POST
    @Path("{id}/resolve")
    public Response resolve(@RestPath UUID id, @RestForm String status, @RestForm String note) {
        try {
            jobs.resolve(audit.by(caller.actor()), new JobAdmin.ResolveJob(id, status, note));
        } catch (InvalidInput e) {
            return Response.status(422).entity(page(id, e.errors())).build();
        }
        return Response.seeOther(URI.create(AdminLinks.JOBS)).build();
    }

    private TemplateInstance page(UUID errorJob, FieldErrors errors) {
        return Templates.list(rows(jobs.failed(LIMIT)), rows(jobs.stuck(LIMIT)), JobAdmin.RESOLVED_AS, errorJob,
                errors);
    }

    private static List<JobRow> rows(List<JobAdmin.JobRow> jobs) {
        return jobs.stream().map(JobRow::of).toList();
    }
}
