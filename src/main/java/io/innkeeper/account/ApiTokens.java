package io.innkeeper.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Membership;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantKind;

/**
 * Creates, lists, revokes and checks API tokens. A token belongs to the tenant of the user who made it; a reseller
 * may narrow one to a single customer (sub-account), and then it sees only that customer's data.
 */
@ApplicationScoped
public class ApiTokens {

    static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);
    static final Duration MAX_LIFETIME = Duration.ofDays(366);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    ApiTokens self;

    /** A checked token, trusted for a few seconds so that busy clients do not cost two queries a request. */
    record Cached(TokenGrant grant, Instant expiresAt, IpAllowList ips, Instant checkedAt) {
    }

    static final Duration CACHE_FOR = Duration.ofSeconds(5);
    private static final int CACHE_SIZE = 10_000;
    private final java.util.Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /** The longest life of a bootstrap token, and its default one. */
    static final Duration BOOTSTRAP_MAX_LIFETIME = Duration.ofDays(7);
    static final Duration BOOTSTRAP_DEFAULT_LIFETIME = Duration.ofDays(1);

    /**
     * What a client asks for; null fields take their defaults (write scope, own tenant, 90 days, any address, every
     * resource). A {@code bootstrap} token mints one token through the API, within its own limits, and is then used
     * up; only an owner makes one.
     */
    public record NewToken(String name, TokenScope scope, UUID subAccount, Instant expiresAt, List<String> allowedIps,
            Set<TokenResource> resources, boolean bootstrap) {

        public NewToken(String name, TokenScope scope, UUID subAccount, Instant expiresAt, List<String> allowedIps) {
            this(name, scope, subAccount, expiresAt, allowedIps, null, false);
        }
    }

    /**
     * A token as its owner sees it, without its secret: {@code tenantId} is the tenant it acts for,
     * {@code allowedIps} the addresses it may be used from (empty for any).
     */
    public record Token(UUID id, UUID tenantId, UUID ownerTenant, String name, String prefix, TokenScope scope,
            List<String> allowedIps, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt,
            Set<TokenResource> resources, boolean bootstrap) {

        static Token of(ApiToken t) {
            return new Token(t.id, t.tenantId, t.ownerTenant, t.name, t.prefix, t.scope,
                    IpAllowList.stored(t.allowedIps).texts(), t.createdAt, t.expiresAt, t.revokedAt, t.lastUsedAt,
                    TokenResource.read(t.resources), t.bootstrap);
        }

        /** Whether it reaches every resource. */
        public boolean allResources() {
            return resources.size() == TokenResource.values().length;
        }
    }

    /** The stored token and its secret, which is shown this once and never again. */
    public record Created(Token token, String secret) {
    }

    @Transactional
    public Created create(Actor actor, UUID ownerTenant, NewToken request) {
        FieldErrors errors = new FieldErrors();
        if (request.bootstrap() && Membership.in(ownerTenant, actor.login()).map(m -> m.role != MemberRole.OWNER)
                .orElse(true)) {
            errors.add("bootstrap", "Only an owner of the account may make a bootstrap token.");
        }
        return issue(actor, ownerTenant, request, errors);
    }

    /**
     * Mints a token with a bootstrap token, which is used up by it: the new token is its maker's, acts for the
     * bootstrap token's account (or, when that is the maker's own, a sub-account the request names), and reaches
     * no further than the bootstrap token (its scope and resources). A used, revoked or expired bootstrap token
     * mints nothing.
     */
    @Transactional
    public Created mint(UUID bootstrapId, String sourceIp, NewToken request) {
        ApiToken parent = em.find(ApiToken.class, bootstrapId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        cache.values().removeIf(c -> c.grant().tokenId().equals(bootstrapId));
        if (parent == null || !parent.bootstrap || parent.revokedAt != null || !parent.expiresAt.isAfter(now)) {
            throw new io.quarkus.security.ForbiddenException("This bootstrap token was used, revoked or has expired.");
        }
        FieldErrors errors = new FieldErrors();
        if (request.bootstrap()) {
            errors.add("bootstrap", "A bootstrap token mints an ordinary token, not another bootstrap token.");
        }
        TokenScope scope = request.scope() == null ? parent.scope : request.scope();
        if (scope == TokenScope.WRITE && parent.scope == TokenScope.READ) {
            errors.add("scope", "This bootstrap token may mint read-only tokens only.");
        }
        Set<TokenResource> ceiling = TokenResource.read(parent.resources);
        Set<TokenResource> resources = request.resources() == null ? ceiling : request.resources();
        if (!ceiling.containsAll(resources)) {
            errors.add("resources", "This bootstrap token may mint tokens for " + ceiling.stream().sorted()
                    .map(Enum::name).collect(java.util.stream.Collectors.joining(", ")) + " only.");
        }
        UUID subAccount = request.subAccount();
        if (!parent.tenantId.equals(parent.ownerTenant)) {
            if (subAccount != null && !subAccount.equals(parent.tenantId)) {
                errors.add("subAccount", "This bootstrap token mints tokens for its own sub-account only.");
            }
            subAccount = parent.tenantId;
        }
        Actor maker = new Actor(parent.createdBy, parent.ownerTenant, sourceIp, null);
        Created created = issue(maker, parent.ownerTenant, new NewToken(request.name(), scope, subAccount,
                request.expiresAt(), request.allowedIps(), resources, false), errors);
        parent.revokedAt = now;
        audit.changed(maker, new Audit.Entry("token.revoke", "api_token", parent.id, parent.ownerTenant,
                parent.name, null, java.util.Map.of("usedFor", created.token().id().toString())));
        return created;
    }

    private Created issue(Actor actor, UUID ownerTenant, NewToken request, FieldErrors errors) {
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add("name", "Give the token a name of 1 to 100 characters.");
        }
        Instant now = clock.instant();
        Duration longest = request.bootstrap() ? BOOTSTRAP_MAX_LIFETIME : MAX_LIFETIME;
        Instant expires = request.expiresAt() != null ? request.expiresAt()
                : now.plus(request.bootstrap() ? BOOTSTRAP_DEFAULT_LIFETIME : DEFAULT_LIFETIME);
        if (!expires.isAfter(now)) {
            errors.add("expiresAt", "The expiry must be in the future.");
        } else if (expires.isAfter(now.plus(longest))) {
            errors.add("expiresAt", request.bootstrap()
                    ? "A bootstrap token lives at most 7 days; choose an earlier expiry."
                    : "A token lives at most 366 days; choose an earlier expiry.");
        }
        if (request.resources() != null && request.resources().isEmpty()) {
            errors.add("resources", "Choose at least one of SERVERS, BILLING and ACCOUNTS, or leave the field out "
                    + "for all of them.");
        }
        IpAllowList ips = IpAllowList.any();
        try {
            ips = IpAllowList.parse(request.allowedIps());
        } catch (IllegalArgumentException e) {
            errors.add("allowedIps", e.getMessage());
        }
        UUID acting = ownerTenant;
        if (request.subAccount() != null) {
            Tenant owner = em.find(Tenant.class, ownerTenant);
            Tenant sub = em.find(Tenant.class, request.subAccount());
            if (owner.kind != TenantKind.RESELLER || sub == null || sub.parent == null
                    || !sub.parent.id.equals(ownerTenant)) {
                errors.add("subAccount", "There is no such sub-account of yours.");
            } else {
                acting = sub.id;
            }
        }
        errors.throwIfAny();
        String secret = TokenSecrets.newToken();
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID();
        token.tenantId = acting;
        token.ownerTenant = ownerTenant;
        token.createdBy = actor.login();
        token.name = name;
        token.prefix = TokenSecrets.displayPrefix(secret);
        token.secretHash = TokenSecrets.hash(secret);
        token.scope = request.scope() == null ? TokenScope.WRITE : request.scope();
        token.allowedIps = ips.stored();
        token.createdAt = now;
        token.expiresAt = expires;
        token.resources = TokenResource.stored(request.resources());
        token.bootstrap = request.bootstrap();
        em.persist(token);
        java.util.Map<String, String> detail = new java.util.LinkedHashMap<>();
        detail.put("scope", token.scope.name());
        detail.put("tenant", acting.toString());
        detail.put("prefix", token.prefix);
        detail.put("resources", token.resources == null ? "ALL" : token.resources);
        if (token.bootstrap) {
            detail.put("bootstrap", "true");
        }
        audit.changed(actor, new Audit.Entry("token.create", "api_token", token.id, ownerTenant, token.name, null,
                detail));
        return new Created(Token.of(token), secret);
    }

    /** The tokens the tenant's users made, newest first, revoked ones included. */
    @Transactional
    public List<Token> list(UUID ownerTenant) {
        return em.createQuery("from ApiToken t where t.ownerTenant = :o order by t.createdAt desc, t.id",
                ApiToken.class).setParameter("o", ownerTenant).getResultStream().map(Token::of).toList();
    }

    @Transactional
    public Token get(UUID ownerTenant, UUID id) {
        return Token.of(find(ownerTenant, id));
    }

    private ApiToken find(UUID ownerTenant, UUID id) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null || !token.ownerTenant.equals(ownerTenant)) {
            throw new NotFound("token");
        }
        return token;
    }

    /** Revokes the token at once; revoking a revoked token changes nothing. */
    @Transactional
    public Token revoke(Actor actor, UUID ownerTenant, UUID id) {
        ApiToken token = find(ownerTenant, id);
        cache.values().removeIf(c -> c.grant().tokenId().equals(id));
        if (token.revokedAt == null) {
            token.revokedAt = clock.instant();
            audit.changed(actor, new Audit.Entry("token.revoke", "api_token", token.id, ownerTenant, token.name,
                    null, null));
        }
        return Token.of(token);
    }

    /**
     * The grant of a presented secret when this replica checked the token within {@link #CACHE_FOR}, without
     * touching the database (so the caller need not leave the I/O thread); null when it must be read, or refused.
     */
    public TokenGrant recentlyChecked(String secret, String sourceIp) {
        if (!TokenSecrets.looksLikeToken(secret)) {
            return null;
        }
        Instant now = clock.instant();
        Cached cached = fresh(TokenSecrets.hash(secret), now);
        return cached == null ? null : grant(cached, now, sourceIp).orElse(null);
    }

    /**
     * The grant of a presented secret, if it is a live token used from an allowed address and its maker still
     * belongs to the tenant that owns it. A token seen in the last {@link #CACHE_FOR} is not read again (a revocation
     * on this replica takes effect at once, on others within that time); its expiry is always checked.
     */
    public Optional<TokenGrant> authenticate(String secret, String sourceIp) {
        if (!TokenSecrets.looksLikeToken(secret)) {
            return Optional.empty();
        }
        String hash = TokenSecrets.hash(secret);
        Instant now = clock.instant();
        Cached cached = fresh(hash, now);
        if (cached == null) {
            cached = self.lookup(hash, now).orElse(null);
            if (cached == null) {
                cache.remove(hash);
                return Optional.empty();
            }
            if (cache.size() >= CACHE_SIZE) {
                cache.clear();
            }
            cache.put(hash, cached);
        }
        return grant(cached, now, sourceIp);
    }

    /** The cached check of a token, if it was made within {@link #CACHE_FOR}. */
    private Cached fresh(String hash, Instant now) {
        Cached cached = cache.get(hash);
        return cached == null || cached.checkedAt().plus(CACHE_FOR).isBefore(now) ? null : cached;
    }

    /** The grant of a checked token, unless it expired since or the address is not allowed. */
    private static Optional<TokenGrant> grant(Cached cached, Instant now, String sourceIp) {
        return cached.expiresAt().isAfter(now) && cached.ips().allows(sourceIp) ? Optional.of(cached.grant())
                : Optional.empty();
    }

    @Transactional
    Optional<Cached> lookup(String hash, Instant now) {
        List<ApiToken> found = em.createQuery("from ApiToken t where t.secretHash = :h", ApiToken.class)
                .setParameter("h", hash).getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiToken token = found.get(0);
        if (token.revokedAt != null || !token.expiresAt.isAfter(now)) {
            return Optional.empty();
        }
        Optional<Membership> maker = Membership.in(token.ownerTenant, token.createdBy);
        if (maker.isEmpty()) {
            return Optional.empty();
        }
        if (token.lastUsedAt == null || token.lastUsedAt.isBefore(now.minusSeconds(60))) {
            token.lastUsedAt = now;
        }
        return Optional.of(new Cached(new TokenGrant(token.id, token.tenantId, token.createdBy, token.scope,
                maker.get().role.canChange(), TokenResource.read(token.resources), token.bootstrap),
                token.expiresAt, IpAllowList.stored(token.allowedIps), now));
    }
}
