package io.innkeeper.portal.tenant;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.SubAccounts;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.tenancy.Caller;

/**
 * The account's API tokens: listed (never with their secret), created, and revoked. A new token's secret is in the
 * answer to the create form only, which no cache may keep; it cannot be shown again.
 */
@Path(Links.API_TOKENS)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class ApiTokenPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tokens(TokensView view);

        static native TemplateInstance tokens$list(TokensView view);

        static native TemplateInstance confirmRevoke(ApiTokens.Token token);
    }

    /** The tokens, the reseller's customers one may be narrowed to, the form, and a token just made. */
    public record TokensView(List<ApiTokens.Token> tokens, List<SubAccounts.Account> subAccounts, UUID own,
            TokenForm form, FieldErrors errors, ApiTokens.Created created, Instant now) {

        public String actsFor(ApiTokens.Token token) {
            if (token.tenantId().equals(own)) {
                return "Your account";
            }
            return subAccounts.stream().filter(a -> a.id().equals(token.tenantId())).map(SubAccounts.Account::name)
                    .findFirst().orElse("A former customer");
        }

        public String state(ApiTokens.Token token) {
            if (token.revokedAt() != null) {
                return "revoked";
            }
            return token.expiresAt().isAfter(now) ? "active" : "expired";
        }

        /** What the token reaches: every resource, or those it was narrowed to. */
        public String reaches(ApiTokens.Token token) {
            String what = token.allResources() ? "everything" : token.resources().stream().sorted()
                    .map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors
                            .joining(", "));
            return token.bootstrap() ? what + " (bootstrap: mints one token)" : what;
        }

        public String ips(ApiTokens.Token token) {
            return token.allowedIps().isEmpty() ? "any address" : String.join(", ", token.allowedIps());
        }
    }

    @Inject
    Caller caller;

    @Inject
    ApiTokens tokens;

    @Inject
    SubAccounts subAccounts;

    @Inject
    Clock clock;

    @GET
    public TemplateInstance tokens() {
        return view(false, TokenForm.blank(), new FieldErrors(), null);
    }

    @POST
    public Response create(@RestForm String name, @RestForm String scope, @RestForm String expiresInDays,
            @RestForm String allowedIps, @RestForm String subAccount, @RestForm List<String> resources,
            @RestForm String bootstrap, @RestHeader("HX-Request") boolean htmx) {
        TokenForm form = new TokenForm(name, scope, expiresInDays, allowedIps, subAccount, resources,
                bootstrap != null && !bootstrap.isBlank());
        ApiTokens.Created created;
        try {
            created = tokens.create(caller.actor(), caller.scopeTenant(), form.request(clock.instant()));
        } catch (InvalidInput e) {
            return Response.status(422).entity(view(htmx, form, TokenForm.onForm(e.errors()), null)).build();
        }
        return Response.ok(view(htmx, TokenForm.blank(), new FieldErrors(), created))
                .header("Cache-Control", "no-store").build();
    }

    /** Without JavaScript the revoke link lands here and asks first; htmx asks with a dialog instead. */
    @GET
    @Path("{id}/revoke")
    public TemplateInstance confirmRevoke(@RestPath UUID id) {
        return Templates.confirmRevoke(tokens.get(caller.scopeTenant(), id));
    }

    @POST
    @Path("{id}/revoke")
    public Response revoke(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        tokens.revoke(caller.actor(), caller.scopeTenant(), id);
        return htmx ? Response.ok(view(true, TokenForm.blank(), new FieldErrors(), null)).build()
                : Response.seeOther(URI.create(Links.API_TOKENS)).build();
    }

    private TemplateInstance view(boolean fragment, TokenForm form, FieldErrors errors, ApiTokens.Created created) {
        UUID own = caller.scopeTenant();
        List<SubAccounts.Account> customers = caller.isReseller() ? subAccounts.list(own, null) : List.of();
        TokensView view = new TokensView(tokens.list(own), customers, own, form, errors, created, clock.instant());
        return fragment ? Templates.tokens$list(view) : Templates.tokens(view);
    }
}
