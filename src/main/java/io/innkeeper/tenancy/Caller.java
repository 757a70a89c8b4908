package io.innkeeper.tenancy;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.jboss.logging.MDC;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import io.innkeeper.audit.Actor;

/**
 * Who is calling, resolved once per request: the login, whether a platform admin, and the tenant membership that
 * decides what tenant data the caller may see.
 */
@RequestScoped
@Named("caller")
public class Caller {

    /** Identity attributes set by API token authentication (io.innkeeper.api): the token's tenant, id and scope. */
    public static final String TOKEN_TENANT = "innkeeper.token.tenant";
    public static final String TOKEN_ID = "innkeeper.token.id";
    public static final String TOKEN_SCOPE = "innkeeper.token.scope";

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    private Optional<Membership> membership;
    private Scope scope;
    private Tenant tokenTenant;

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    public String login() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public boolean isAdmin() {
        return identity.hasRole("admin");
    }

    public Optional<Membership> membership() {
        if (membership == null) {
            membership = identity.isAnonymous() ? Optional.empty() : Membership.forLogin(login());
        }
        return membership;
    }

    /** The caller's tenant; 403 for a signed-in user that belongs to none. */
    public Tenant tenant() {
        if (tokenTenantId() != null) {
            if (tokenTenant == null) {
                tokenTenant = Tenant.findById(tokenTenantId());
            }
            return tokenTenant;
        }
        return membership().map(m -> m.tenant).orElseThrow(() -> new ForbiddenException(
                "Your login is not linked to a customer account yet. Ask your provider to add you."));
    }

    public boolean hasTenant() {
        return tokenTenantId() != null || membership().isPresent();
    }

    /** The caller's role in its tenant; null without a membership. */
    public MemberRole role() {
        return membership().map(m -> m.role).orElse(null);
    }

    /** Whether the caller may change its tenant's things; pages hide the forms of a read-only member. */
    public boolean canChange() {
        return membership().map(m -> m.role.canChange()).orElse(false);
    }

    public boolean isReseller() {
        return membership().map(m -> m.tenant.kind == TenantKind.RESELLER).orElse(false);
    }

    public boolean isOwner() {
        return role() == MemberRole.OWNER;
    }

    public String tenantName() {
        return hasTenant() ? tenant().name : "";
    }

    /** The tenant an API token acts for, when the caller came with one; null for a signed-in user. */
    public java.util.UUID tokenTenantId() {
        return identity.getAttribute(TOKEN_TENANT);
    }

    /** The caller as the audit log names it: login, tenant, source address and request id. */
    public Actor actor() {
        String ip = request.getCurrent() == null ? null
                : request.getCurrent().request().remoteAddress() == null ? null
                        : request.getCurrent().request().remoteAddress().hostAddress();
        Object requestId = MDC.get("requestId");
        return new Actor(login(), hasTenant() ? tenant().id : null, ip,
                requestId == null ? null : requestId.toString());
    }

    /** The tenants this caller sees: its own, plus a reseller's customers. */
    public Scope scope() {
        if (scope == null) {
            Tenant own = tenant();
            Set<UUID> ids = new HashSet<>();
            ids.add(own.id);
            if (own.kind == TenantKind.RESELLER) {
                List<UUID> children = Tenant.find("select t.id from Tenant t where t.parent.id = ?1", own.id)
                        .project(UUID.class).list();
                ids.addAll(children);
            }
            scope = new Scope(own.id, ids);
        }
        return scope;
    }
}
