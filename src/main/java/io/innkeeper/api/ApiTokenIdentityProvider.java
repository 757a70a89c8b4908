package io.innkeeper.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.TokenGrant;
import io.innkeeper.tenancy.Caller;

/** Turns a panel token into the identity of its maker, narrowed to the token's tenant and scope. */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenRequest> {

    @Inject
    ApiTokens tokens;

    @Override
    public Class<ApiTokenRequest> getRequestType() {
        return ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenRequest request, AuthenticationRequestContext context) {
        // A token checked moments ago is answered on the I/O thread; only a database read goes to a worker.
        TokenGrant recent = tokens.recentlyChecked(request.secret(), request.sourceIp());
        if (recent != null) {
            return Uni.createFrom().item(identity(recent));
        }
        return context.runBlocking(() -> lookup(request));
    }

    @ActivateRequestContext
    SecurityIdentity lookup(ApiTokenRequest request) {
        return identity(tokens.authenticate(request.secret(), request.sourceIp())
                .orElseThrow(() -> new AuthenticationFailedException("unknown, expired or revoked API token")));
    }

    private static SecurityIdentity identity(TokenGrant grant) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(grant.login()))
                .addRole("api-token")
                .addAttribute(Caller.TOKEN_TENANT, grant.tenantId())
                .addAttribute(Caller.TOKEN_ID, grant.tokenId())
                .addAttribute(Caller.TOKEN_SCOPE, grant.scope().name())
                .addAttribute(Caller.TOKEN_MAKER_CAN_CHANGE, grant.makerCanChange())
                .addAttribute(Caller.TOKEN_RESOURCES, grant.resources().stream().map(Enum::name)
                        .collect(java.util.stream.Collectors.toUnmodifiableSet()))
                .addAttribute(Caller.TOKEN_BOOTSTRAP, grant.bootstrap())
                .build();
    }
}
