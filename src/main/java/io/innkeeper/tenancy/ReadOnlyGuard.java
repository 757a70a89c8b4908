package io.innkeeper.tenancy;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.ForbiddenException;

/**
 * The one place that keeps read-only members from changing anything: every request other than a read (GET, HEAD,
 * OPTIONS) from a read-only member answers 403, whichever page or API resource it is sent to.
 */
public class ReadOnlyGuard {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Caller caller;

    @ServerRequestFilter
    public void refuseChanges(ContainerRequestContext request) {
        if (READS.contains(request.getMethod()) || !caller.isSignedIn()) {
            return;
        }
        if (caller.isReadOnlyMember()) {
            throw new ForbiddenException("Your role in this account is read-only: you can see everything but change "
                    + "nothing. Ask an owner of the account to make you a member.");
        }
    }
}
