package io.innkeeper.portal.tenant;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestForm;

import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.AccountChoice;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.ReadOnlyGuard;

/**
 * The header's account switcher: a login in several accounts chooses which one it acts for, and goes to that
 * account's dashboard. The choice is kept in a cookie that every request checks against the login's memberships
 * ({@link AccountChoice}), so a cookie naming another account is never honoured.
 */
@Path(Links.SWITCH_ACCOUNT)
@RolesAllowed({ "customer", "reseller" })
public class AccountSwitch {

    /** How long a browser remembers the choice; each request still checks it. */
    static final Duration REMEMBER = Duration.ofDays(365);

    @Inject
    Caller caller;

    @POST
    @ReadOnlyGuard.ChangesNoAccount
    public Response switchTo(@RestForm String account, @Context UriInfo uri) {
        UUID tenant = id(account);
        if (tenant == null || !caller.isMemberOf(tenant)) {
            throw new NotFound("account");
        }
        NewCookie cookie = new NewCookie.Builder(AccountChoice.COOKIE).value(tenant.toString()).path("/")
                .httpOnly(true).sameSite(NewCookie.SameSite.LAX).maxAge((int) REMEMBER.toSeconds())
                .secure("https".equals(uri.getBaseUri().getScheme())).build();
        return Response.seeOther(URI.create(Links.DASHBOARD)).cookie(cookie).build();
    }

    private static UUID id(String raw) {
        try {
            return raw == null ? null : UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
