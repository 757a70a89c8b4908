package io.innkeeper.account;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * What a valid token lets its bearer do: act as {@code login} for {@code tenantId}, within {@code scope} and on
 * {@code resources}. {@code makerCanChange} is the maker's role when the token was checked: a read-only member's
 * token only reads. A {@code bootstrap} token may only mint one token ({@code POST /api/v1/tokens}).
 */
public record TokenGrant(UUID tokenId, UUID tenantId, String login, TokenScope scope, boolean makerCanChange,
        Set<TokenResource> resources, boolean bootstrap) {

    public TokenGrant {
        resources = resources == null ? Set.copyOf(EnumSet.allOf(TokenResource.class)) : Set.copyOf(resources);
    }

    public TokenGrant(UUID tokenId, UUID tenantId, String login, TokenScope scope, boolean makerCanChange) {
        this(tokenId, tenantId, login, scope, makerCanChange, null, false);
    }
}
