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
import io.innkeeper.tenancy.Invitations;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Memberships;

/**
 * The account's team: everyone sees who is on it; an owner invites people by e-mail in a role, resends and revokes
 * pending invitations, changes members' roles and removes them.
 */
@Path(Links.TEAM)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class TeamPages {

    /** What the team page shows and what the caller may do there. */
    public record View(List<Memberships.Member> members, List<Invitations.Sent> invitations, List<MemberRole> roles,
            boolean canManage, String email, String role, FieldErrors errors) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance team(View view);
    }

    @Inject
    Caller caller;

    @Inject
    Memberships memberships;

    @Inject
    Invitations invitations;

    @GET
    public TemplateInstance team() {
        return page("", "MEMBER", new FieldErrors());
    }

    /** Invites a person by e-mail; the form keeps what was typed when it is refused. */
    @POST
    public Response invite(@RestForm String email, @RestForm String role) {
        return change(email, role, () -> invitations.invite(caller.actor(), authority(), caller.scopeTenant(), email,
                role));
    }

    @POST
    @Path("invitations/{id}/resend")
    public Response resend(@RestPath UUID id) {
        return change("", "MEMBER", () -> invitations.resend(caller.actor(), authority(), caller.scopeTenant(), id));
    }

    @POST
    @Path("invitations/{id}/revoke")
    public Response revoke(@RestPath UUID id) {
        return change("", "MEMBER", () -> invitations.revoke(caller.actor(), authority(), caller.scopeTenant(), id));
    }

    @POST
    @Path("{id}/role")
    public Response role(@RestPath UUID id, @RestForm String role) {
        return change("", "MEMBER", () -> memberships.changeRole(caller.actor(), caller.role(), caller.scopeTenant(),
                id, role));
    }

    @POST
    @Path("{id}/remove")
    public Response remove(@RestPath UUID id) {
        return change("", "MEMBER", () -> memberships.remove(caller.actor(), caller.role(), caller.scopeTenant(), id));
    }

    private Invitations.Authority authority() {
        return new Invitations.Authority.Member(caller.role());
    }

    private Response change(String email, String role, Runnable action) {
        try {
            action.run();
        } catch (InvalidInput e) {
            return Response.status(422).entity(page(email, role, e.errors())).build();
        }
        return Response.seeOther(URI.create(Links.TEAM)).build();
    }

    private TemplateInstance page(String email, String role, FieldErrors errors) {
        boolean owner = caller.isOwner();
        List<Invitations.Sent> open = owner ? invitations.open(authority(), caller.scopeTenant()) : List.of();
        return Templates.team(new View(memberships.list(caller.scopeTenant()), open, List.of(MemberRole.values()),
                owner, email == null ? "" : email, role == null ? "MEMBER" : role, errors));
    }
}
