package io.innkeeper.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.NotFound;
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

    /** What a client asks for; null fields take their defaults (write scope, own tenant, 90 days, any address). */
    public record NewToken(String name, TokenScope scope, UUID subAccount, Instant expiresAt, List<String> allowedIps) {
    }

    /**
     * A token as its owner sees it, without its secret: {@code tenantId} is the tenant it acts for,
     * {@code allowedIps} the addresses it may be used from (empty for any).
     */
    public record Token(UUID id, UUID tenantId, UUID ownerTenant, String name, String prefix, TokenScope scope,
            List<String> allowedIps, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

        static Token of(ApiToken t) {
            return new Token(t.id, t.tenantId, t.ownerTenant, t.name, t.prefix, t.scope,
                    IpAllowList.stored(t.allowedIps).texts(), t.createdAt, t.expiresAt, t.revokedAt, t.lastUsedAt);
        }
    }

    /** The stored token and its secret, which is shown this once and never again. */
    public record Created(Token token, String secret) {
    }

    @Transactional
    public Created create(Actor actor, UUID ownerTenant, NewToken request) {
        FieldErrors errors = new FieldErrors();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add("name", "Give the token a name of 1 to 100 characters.");
        }
        Instant now = clock.instant();
        Instant expires = request.expiresAt() == null ? now.plus(DEFAULT_LIFETIME) : request.expiresAt();
        if (!expires.isAfter(now)) {
            errors.add("expiresAt", "The expiry must be in the future.");
        } else if (expires.isAfter(now.plus(MAX_LIFETIME))) {
            errors.add("expiresAt", "A token lives at most 366 days; choose an earlier expiry.");
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
        em.persist(token);
        audit.changed(actor, new Audit.Entry("token.create", "api_token", token.id, ownerTenant, token.name, null,
                java.util.Map.of("scope", token.scope.name(), "tenant", acting.toString(), "prefix", token.prefix)));
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
                maker.get().role.canChange()),
                token.expiresAt, IpAllowList.stored(token.allowedIps), now));
    }
}
