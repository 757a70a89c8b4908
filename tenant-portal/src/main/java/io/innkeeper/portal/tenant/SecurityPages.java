package io.innkeeper.portal.tenant;

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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.SignIns;
import io.innkeeper.tenancy.TeamSecurity;
import io.innkeeper.tenancy.TwoFactor;

/**
 * How the person signs in: links to Keycloak's account console (authenticator, password, sessions), their recent
 * sign-ins from the audit log, and the account's rule on two-factor sign-in, which an owner changes.
 */
@Path(Links.SECURITY)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class SecurityPages {

    /** How many recent sign-ins the page lists. */
    static final int RECENT = 10;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance security(SecurityView view);

        static native TemplateInstance twoFactorRequired(AccountConsole console);
    }

    /** The pages of Keycloak's account console the panel links to. */
    public record AccountConsole(String signingIn, String devices, String home) {

        static AccountConsole of(String realm) {
            String base = realm.replaceAll("/+$", "") + "/account";
            return new AccountConsole(base + "/account-security/signing-in",
                    base + "/account-security/device-activity", base + "/");
        }
    }

    /** What the page shows and what this person may do on it. */
    public record SecurityView(AccountConsole console, boolean signedInWithOneTimeCode, boolean teamRequiresTwoFactor,
            boolean canChangeRequirement, List<SignIns.SignIn> signIns, FieldErrors errors) {
    }

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    @Inject
    Caller caller;

    @Inject
    SecurityIdentity identity;

    @Inject
    SignIns signIns;

    @Inject
    TeamSecurity teamSecurity;

    @GET
    public TemplateInstance security() {
        return page(new FieldErrors());
    }

    /** What a member who must sign in with a one-time code, and did not, sees instead ({@link TwoFactorGate}). */
    @GET
    @Path("two-factor-required")
    public Response twoFactorRequired() {
        return Response.status(Response.Status.FORBIDDEN)
                .entity(Templates.twoFactorRequired(AccountConsole.of(realm))).build();
    }

    /** An owner turns the team's two-factor requirement on or off (the form's {@code required} is on or absent). */
    @POST
    @Path("require-2fa")
    public Response requireTwoFactor(@RestForm String required) {
        try {
            teamSecurity.requireTwoFactor(caller.actor(), caller.scopeTenant(), caller.role(), "on".equals(required),
                    signedInWithOneTimeCode());
        } catch (InvalidInput e) {
            return Response.status(422).entity(page(e.errors())).build();
        }
        return Response.seeOther(URI.create(Links.SECURITY)).build();
    }

    private TemplateInstance page(FieldErrors errors) {
        return Templates.security(new SecurityView(AccountConsole.of(realm), signedInWithOneTimeCode(),
                teamSecurity.requiresTwoFactor(caller.scopeTenant()), caller.isOwner(),
                signIns.recent(caller.login(), RECENT), errors));
    }

    private boolean signedInWithOneTimeCode() {
        return identity.getPrincipal() instanceof JsonWebToken jwt && TwoFactor.signedInWith(jwt.getClaim("amr"));
    }
}
