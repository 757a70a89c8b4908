package io.innkeeper.portal.tenant;

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

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Memberships;

/** The account's team: everyone sees who is on it; an owner adds people, changes their role and removes them. */
@Path(Links.TEAM)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class TeamPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance team(List<Memberships.Member> members, List<MemberRole> roles, boolean owner,
                String login, FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    Memberships memberships;

    @GET
    public TemplateInstance team() {
        return page("", new FieldErrors());
    }

    @POST
    public Response add(@RestForm String login, @RestForm String role) {
        return change(login, () -> memberships.add(caller.actor(), caller.role(), caller.scopeTenant(), login, role));
    }

    @POST
    @Path("{id}/role")
    public Response role(@RestPath UUID id, @RestForm String role) {
        return change("", () -> memberships.changeRole(caller.actor(), caller.role(), caller.scopeTenant(), id, role));
    }

    @POST
    @Path("{id}/remove")
    public Response remove(@RestPath UUID id) {
        return change("", () -> memberships.remove(caller.actor(), caller.role(), caller.scopeTenant(), id));
    }

    private Response change(String login, Runnable action) {
        try {
            action.run();
        } catch (InvalidInput e) {
            return Response.status(422).entity(page(login, e.errors())).build();
        }
        return Response.seeOther(URI.create(Links.TEAM)).build();
    }

    private TemplateInstance page(String login, FieldErrors errors) {
        return Templates.team(memberships.list(caller.scopeTenant()), List.of(MemberRole.values()), caller.isOwner(),
                login == null ? "" : login, errors);
    }
}
