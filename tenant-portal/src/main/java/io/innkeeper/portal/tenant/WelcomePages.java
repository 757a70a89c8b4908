package io.innkeeper.portal.tenant;

import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.tenancy.AccountDetails;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.SignUp;
import io.innkeeper.web.Landing;

/**
 * The welcome page: a signed-in, verified login that belongs to no account is asked once for its new account's name,
 * country, currency and time zone, and becomes the owner of the customer account it makes. A login with an account
 * goes to its dashboard instead; with sign-up switched off the page says how to get an account and makes nothing.
 */
@Path(Landing.WELCOME)
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class WelcomePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance welcome(WelcomeView view);
    }

    /** The page: whether it may offer the form, the choices, what was typed and what was wrong with it. */
    public record WelcomeView(boolean open, boolean verified, String closed, List<String> currencies,
            List<AccountDetails.Country> countries, Set<String> timeZones, String name, String country,
            String currency, String timeZone, FieldErrors errors) {

        public boolean canCreate() {
            return open && verified;
        }
    }

    @Inject
    Caller caller;

    @Inject
    SignUp signUp;

    @Inject
    SecurityIdentity identity;

    @GET
    public Response welcome() {
        Response away = away();
        if (away != null) {
            return away;
        }
        SignUp.Offer offer = signUp.offer();
        return Response.ok(view(offer, "", "", offer.currencies().isEmpty() ? "" : offer.currencies().get(0), "UTC",
                new FieldErrors())).build();
    }

    @POST
    public Response create(@RestForm String name, @RestForm String country, @RestForm String currency,
            @RestForm String timeZone) {
        Response away = away();
        if (away != null) {
            return away;
        }
        SignUp.Offer offer = signUp.offer();
        if (!verified()) {
            return Response.status(403).entity(view(offer, name, country, currency, timeZone, new FieldErrors()))
                    .build();
        }
        try {
            signUp.create(caller.actor(), caller.login(), claim("email"), name, country, currency, timeZone);
        } catch (InvalidInput e) {
            return Response.status(422).entity(view(offer, name, country, currency, timeZone, e.errors())).build();
        }
        return Response.seeOther(URI.create(Links.DASHBOARD)).build();
    }

    /** Where a caller who has no business here goes instead: an admin to the admin portal, a member to its account. */
    private Response away() {
        if (caller.isAdmin()) {
            return Response.seeOther(URI.create(Landing.ADMIN_HOME)).build();
        }
        if (caller.hasTenant()) {
            return Response.seeOther(URI.create(Links.DASHBOARD)).build();
        }
        return null;
    }

    private TemplateInstance view(SignUp.Offer offer, String name, String country, String currency, String timeZone,
            FieldErrors errors) {
        return Templates.welcome(new WelcomeView(offer.open(), verified(), offer.closed(), offer.currencies(),
                offer.countries(), offer.timeZones(), orEmpty(name), orEmpty(country), orEmpty(currency),
                orEmpty(timeZone), errors));
    }

    /** Keycloak lets no one sign in before the address is verified; this holds if a realm is set up otherwise. */
    private boolean verified() {
        return !"false".equalsIgnoreCase(claim("email_verified"));
    }

    /** A claim of the sign-in's ID token as text; null without one (a test identity has no token). */
    private String claim(String name) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        Object value = token.getClaim(name);
        return value == null ? null : value instanceof JsonString text ? text.getString() : value.toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
