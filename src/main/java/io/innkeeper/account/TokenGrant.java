package io.innkeeper.account;

import java.util.UUID;

/** What a valid token lets its bearer do: act as {@code login} for {@code tenantId}, within {@code scope}. */
public record TokenGrant(UUID tokenId, UUID tenantId, String login, TokenScope scope) {
}
