package io.innkeeper.tenancy;

import java.util.Comparator;
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
    /** Set (true) when a sign-on link's session signed the caller in; {@link #TOKEN_TENANT} then pins its account. */
    public static final String LINK_SESSION = "innkeeper.link-session";
    /** The names of the resources the token reaches (a Set of String), and whether it is a bootstrap token. */
    public static final String TOKEN_RESOURCES = "innkeeper.token.resources";
    public static final String TOKEN_BOOTSTRAP = "innkeeper.token.bootstrap";
    /** Whether the token's maker could change things when the token was checked (a Boolean). */
    public static final String TOKEN_MAKER_CAN_CHANGE = "innkeeper.token.maker-can-change";

    /** Why a signed-in login that belongs to no tenant is refused (403). */
    public static final String NO_TENANT = "Your login is not linked to a customer account yet. Ask your provider "
            + "to add you.";

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    @Inject
    javax.sql.DataSource dataSource;

    private List<Membership> memberships;
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

    /**
     * The membership the caller acts for, by {@link AccountChoice}: the account the request names, else the login's
     * oldest. The login's memberships are read once per request, in one statement. A token's maker acts in the
     * token's tenant when it is a member there; the header and the cookie do not move a token.
     */
    public Optional<Membership> membership() {
        if (membership == null) {
            AccountChoice.Asked asked = tokenTenantId() != null
                    ? new AccountChoice.Asked(null, tokenTenantId().toString())
                    : accountAsked();
            membership = AccountChoice.choose(memberships().stream().map(Membership::candidate).toList(), asked)
                    .flatMap(tenant -> memberships().stream().filter(m -> m.tenant.id.equals(tenant)).findFirst());
        }
        return membership;
    }

    private List<Membership> memberships() {
        if (memberships == null) {
            memberships = identity.isAnonymous() ? List.of() : Membership.ofLogin(login());
        }
        return memberships;
    }

    /** What this request asks for: the {@value AccountChoice#HEADER} header and the switcher's cookie. */
    AccountChoice.Asked accountAsked() {
        if (request.getCurrent() == null) {
            return AccountChoice.Asked.NOTHING;
        }
        io.vertx.core.http.HttpServerRequest http = request.getCurrent().request();
        io.vertx.core.http.Cookie cookie = http.getCookie(AccountChoice.COOKIE);
        return new AccountChoice.Asked(http.getHeader(AccountChoice.HEADER), cookie == null ? null : cookie.getValue());
    }

    /** One of the accounts a signed-in login can act for, and whether it acts for it now. */
    public record Account(UUID tenantId, String name, boolean current) {
    }

    /** The accounts this login can switch between, by name; empty for a token, which is bound to one. */
    public List<Account> accounts() {
        if (tokenTenantId() != null) {
            return List.of();
        }
        UUID current = membership().map(m -> m.tenant.id).orElse(null);
        return memberships().stream()
                .map(m -> new Account(m.tenant.id, m.tenant.name, m.tenant.id.equals(current)))
                .sorted(Comparator.comparing(Account::name, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(Account::tenantId))
                .toList();
    }

    /** Whether the portal offers the account switcher: a signed-in login with more than one account. */
    public boolean canSwitchAccount() {
        return accounts().size() > 1;
    }

    /** Whether this login may act for the tenant: it is one of its memberships. */
    public boolean isMemberOf(UUID tenantId) {
        return tokenTenantId() == null && memberships().stream().anyMatch(m -> m.tenant.id.equals(tenantId));
    }

    /** Whether a sign-on link's session signed the caller in (not Keycloak). */
    public boolean viaLoginLink() {
        return Boolean.TRUE.equals(identity.getAttribute(LINK_SESSION));
    }

    /** The caller's tenant; 403 for a signed-in user that belongs to none. */
    public Tenant tenant() {
        if (tokenTenantId() != null) {
            if (tokenTenant == null) {
                tokenTenant = Tenant.findById(tokenTenantId());
            }
            return tokenTenant;
        }
        return membership().map(m -> m.tenant).orElseThrow(() -> new ForbiddenException(NO_TENANT));
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

    /**
     * Whether the caller is a read-only member. For a token, its maker's role as checked with the token (at most
     * a few seconds old, like a revocation), so a write through a token reads no membership.
     */
    public boolean isReadOnlyMember() {
        Boolean makerCanChange = identity.getAttribute(TOKEN_MAKER_CAN_CHANGE);
        if (makerCanChange != null) {
            return !makerCanChange;
        }
        return membership().map(m -> !m.role.canChange()).orElse(false);
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

    /**
     * The tenant an API token acts for, when the caller came with one (or that a sign-on link's session is pinned
     * to); null for a user signed in through Keycloak.
     */
    public java.util.UUID tokenTenantId() {
        return identity.getAttribute(TOKEN_TENANT);
    }

    /** The caller as the audit log names it: login, tenant, source address and request id. */
    public Actor actor() {
        String ip = request.getCurrent() == null ? null
                : request.getCurrent().request().remoteAddress() == null ? null
                        : request.getCurrent().request().remoteAddress().hostAddress();
        Object requestId = MDC.get("requestId");
        return new Actor(login(), hasTenant() ? scopeTenant() : null, ip,
                requestId == null ? null : requestId.toString());
    }

    /** The tenants this caller sees: its own, plus a reseller's customers. */
    public Scope scope() {
        if (scope == null) {
            UUID own = scopeTenant();
            scope = new Scope(own, tenantsSeenBy(own));
        }
        return scope;
    }

    /** The tenant whose {@link #scope()} this caller has, without reading the rest of the scope. */
    public UUID scopeTenant() {
        return tokenTenantId() != null ? tokenTenantId() : tenant().id;
    }

    /** The tenant and, for a reseller, its customers, in one statement (every API request asks this). */
    private Set<UUID> tenantsSeenBy(UUID own) {
        Set<UUID> ids = new HashSet<>();
        ids.add(own);
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement statement = connection.prepareStatement("select c.id from tenant c "
                        + "join tenant p on p.id = c.parent_id where p.id = ? and p.kind = 'RESELLER'")) {
            statement.setObject(1, own);
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("reading the tenants a caller sees failed", e);
        }
        return ids;
    }

    /** Whether the caller's tenant is a reseller's customer: its reseller bills it, not the platform. */
    public boolean isResellersCustomer() {
        return tenant().parent != null;
    }
}
