package io.innkeeper.account;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parts of the API a token may be narrowed to: servers (servers, their jobs, consoles, ISOs and SSH keys),
 * billing (invoices and the balance), accounts (the account, sub-accounts, webhooks and events, tokens). A token
 * without a list reaches all of them.
 */
public enum TokenResource {
    SERVERS,
    BILLING,
    ACCOUNTS;

    /** A set as stored: comma separated, null for all of them. */
    static String stored(Set<TokenResource> resources) {
        return resources == null || resources.equals(EnumSet.allOf(TokenResource.class)) ? null
                : resources.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    /** The stored set, every resource for null. */
    static Set<TokenResource> read(String stored) {
        if (stored == null) {
            return EnumSet.allOf(TokenResource.class);
        }
        EnumSet<TokenResource> out = EnumSet.noneOf(TokenResource.class);
        Arrays.stream(stored.split(",")).map(TokenResource::valueOf).forEach(out::add);
        return out;
    }
}
