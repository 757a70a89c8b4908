package io.innkeeper.account;

import java.util.UUID;

/**
 * What a valid token lets its bearer do: act as {@code login} for {@code tenantId}, within {@code scope}.
 * {@code makerCanChange} is the maker's role when the token was checked: a read-only member's token only reads.
 */
public record TokenGrant(UUID tokenId, UUID tenantId, String login, TokenScope scope, boolean makerCanChange) {
}
