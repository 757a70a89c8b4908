package io.innkeeper.api;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A panel token presented as a bearer token. A type of its own, so OIDC's identity provider (which takes
 * {@code TokenAuthenticationRequest}) never sees it and ours never sees a Keycloak token.
 */
public class ApiTokenRequest extends BaseAuthenticationRequest {

    private final String secret;
    private final String sourceIp;

    public ApiTokenRequest(String secret, String sourceIp) {
        this.secret = secret;
        this.sourceIp = sourceIp;
    }

    public String secret() {
        return secret;
    }

    public String sourceIp() {
        return sourceIp;
    }
}
