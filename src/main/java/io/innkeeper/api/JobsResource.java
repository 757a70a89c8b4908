package io.innkeeper.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.innkeeper.account.TokenResource;
import io.innkeeper.tenancy.Caller;

/** Jobs: the long operations servers go through, to follow after a 202. */
@ScopedTo(TokenResource.SERVERS)
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs", description = "Long operations (create, reinstall, resize, delete...) and how far they got.")
public class JobsResource {

    @Inject
    Caller caller;

    @Inject
    ApiQueries queries;

    @GET
    @Operation(operationId = "listJobs", summary = "Jobs, newest first, optionally of one server")
    public ApiViews.Page<ApiViews.JobView> list(@QueryParam("server") String server,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return queries.jobs(caller.scope(), Cursors.uuid("server", server), cursor, Cursors.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getJob", summary = "One job")
    public ApiViews.JobView get(@PathParam("id") String id) {
        return queries.job(caller.scope(), Cursors.pathId(id, "job"));
    }
}
