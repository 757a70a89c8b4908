package io.innkeeper.tenancy;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The session cookie a sign-on link set, presented on a portal request. */
public class LinkSessionRequest extends BaseAuthenticationRequest {

    private final String secret;

    public LinkSessionRequest(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }
}
