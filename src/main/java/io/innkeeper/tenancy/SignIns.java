package io.innkeeper.tenancy;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.oidc.SecurityEvent;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.audit.AuditLog;
import io.innkeeper.audit.AuditSearch;

/**
 * Sign-ins in the audit log: each completed browser sign-in through Keycloak (Quarkus OIDC's {@code OIDC_LOGIN}
 * event, once per new session, not on a session refresh) is recorded as a {@code signin} entry with the source
 * address, and a person's recent sign-ins are read back for their Security page.
 */
@ApplicationScoped
public class SignIns {

    /** The audit action of a sign-in. */
    public static final String ACTION = "signin";

    /** The audit action of a sign-in from an address the login never signed in from before (not its first). */
    public static final String NEW_ADDRESS = "signin.new_address";

    private static final Logger LOG = Logger.getLogger(SignIns.class);

    /** A sign-in as the Security page lists it. */
    public record SignIn(java.time.Instant at, String sourceIp, String detail) {
    }

    @Inject
    Audit audit;

    @Inject
    AuditLog log;

    @Inject
    People people;

    @Inject
    Clock clock;

    void signedIn(@Observes SecurityEvent event) {
        if (event.getEventType() != SecurityEvent.Type.OIDC_LOGIN) {
            return;
        }
        SecurityIdentity identity = event.getSecurityIdentity();
        String login = identity.getPrincipal().getName();
        RoutingContext context = identity.getAttribute(RoutingContext.class.getName());
        SocketAddress remote = context == null ? null : context.request().remoteAddress();
        String ip = remote == null ? null : remote.hostAddress();
        boolean otp = identity.getPrincipal() instanceof JsonWebToken jwt
                && TwoFactor.signedInWith(jwt.getClaim("amr"));
        String email = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("email") : null;
        Runnable record = () -> {
            try {
                record(login, ip, otp);
                if (email != null) {
                    people.remember(login, email);
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not record the sign-in of %s", login);
            }
        };
        // The code flow finishes on an I/O thread, where the database must not be waited for.
        if (BlockingOperationControl.isBlockingAllowed()) {
            record.run();
        } else {
            Infrastructure.getDefaultWorkerPool().execute(record);
        }
    }

    /**
     * Records one sign-in of {@code login}, under the account it belongs to (none for an admin). When the login has
     * signed in before but never from this address, a second entry says so, which the person is told of; the very
     * first sign-in is no news.
     */
    @Transactional
    public void record(String login, String sourceIp, boolean withOneTimeCode) {
        java.util.UUID tenant = Membership.forLogin(login).map(m -> m.tenant.id).orElse(null);
        AuditLog.Seen seen = log.seen(login, ACTION, sourceIp);
        Actor actor = new Actor(login, tenant, sourceIp, null);
        audit.changed(actor, new Audit.Entry(ACTION, "login", login, tenant,
                withOneTimeCode ? "signed in with password and one-time code" : "signed in with password", null,
                null));
        if (sourceIp != null && seen.any() && !seen.fromAddress()) {
            audit.changed(actor, new Audit.Entry(NEW_ADDRESS, "login", login, tenant, "signed in from " + sourceIp
                    + ", an address not seen before", null, Map.of("address", sourceIp, "at",
                            clock.instant().toString())));
        }
    }

    /** The latest sign-ins of this login, newest first. */
    public List<SignIn> recent(String login, int size) {
        return log.search(new AuditSearch(login, ACTION, null, null, null, null), size).entries().stream()
                .map(e -> new SignIn(e.at(), e.sourceIp(), e.detail())).toList();
    }
}
