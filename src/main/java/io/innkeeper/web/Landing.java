package io.innkeeper.web;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

import io.innkeeper.tenancy.Caller;

/**
 * The front door: admins go to the admin portal, customers and resellers to the tenant portal, and a login that
 * belongs to no account yet to the welcome page (sign-up).
 */
@Path("/")
public class Landing {

    /** Where each portal starts; the portals register their own pages under these. */
    public static final String ADMIN_HOME = "/admin";
    public static final String TENANT_HOME = "/servers";
    /** Where a signed-in login that belongs to no account is asked once for its new account's details. */
    public static final String WELCOME = "/welcome";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signedOut();
    }

    @Inject
    Caller caller;

    @GET
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    public Response home() {
        if (caller.isAdmin()) {
            return Response.seeOther(URI.create(ADMIN_HOME)).build();
        }
        if (caller.hasTenant()) {
            return Response.seeOther(URI.create(TENANT_HOME)).build();
        }
        return Response.seeOther(URI.create(WELCOME)).build();
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return Templates.signedOut();
    }
}
