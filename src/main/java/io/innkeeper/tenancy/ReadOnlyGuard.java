package io.innkeeper.tenancy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.ForbiddenException;

/**
 * The one place that keeps read-only members from changing anything: every request other than a read (GET, HEAD,
 * OPTIONS) from a read-only member answers 403, whichever page or API resource it is sent to, except to a
 * method marked {@link ChangesNoAccount} (choosing which account to act for).
 */
public class ReadOnlyGuard {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Caller caller;

    /** A state-changing request that changes nothing in any account, so a read-only member may send it. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface ChangesNoAccount {
    }

    @ServerRequestFilter
    public void refuseChanges(ContainerRequestContext request, ResourceInfo resource) {
        if (READS.contains(request.getMethod()) || !caller.isSignedIn()
                || resource.getResourceMethod() != null
                        && resource.getResourceMethod().isAnnotationPresent(ChangesNoAccount.class)) {
            return;
        }
        if (caller.isReadOnlyMember()) {
            throw new ForbiddenException("Your role in this account is read-only: you can see everything but change "
                    + "nothing. Ask an owner of the account to make you a member.");
        }
    }
}
