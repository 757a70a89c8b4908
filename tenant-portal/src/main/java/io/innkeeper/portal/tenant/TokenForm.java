package io.innkeeper.portal.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.TokenResource;
import io.innkeeper.account.TokenScope;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;

/**
 * The API token form as typed: scope, lifetime in days, an allow-list of one address or range per line (or comma
 * separated) and, for a reseller, an optional sub-account. {@link #request} turns it into what {@link ApiTokens}
 * takes, or names each field it cannot read.
 */
public record TokenForm(String name, String scope, String expiresInDays, String allowedIps, String subAccount,
        List<String> resources, boolean bootstrap) {

    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 366;

    /** The service names its fields as the API does; the form's own names for them. */
    private static final Map<String, String> FIELDS = Map.of("expiresAt", "expiresInDays");

    public static TokenForm blank() {
        return new TokenForm("", TokenScope.WRITE.name(), String.valueOf(DEFAULT_DAYS), "", "");
    }

    public TokenForm(String name, String scope, String expiresInDays, String allowedIps, String subAccount) {
        this(name, scope, expiresInDays, allowedIps, subAccount, null, false);
    }

    /** Whether the form asks for this resource (an empty choice means all of them). */
    public boolean asks(String resource) {
        return resources.contains(resource);
    }

    public TokenForm {
        resources = resources == null ? List.of() : List.copyOf(resources);
        name = name == null ? "" : name;
        scope = scope == null ? "" : scope;
        expiresInDays = expiresInDays == null ? "" : expiresInDays;
        allowedIps = allowedIps == null ? "" : allowedIps;
        subAccount = subAccount == null ? "" : subAccount;
    }

    /**
     * The request for a token made at {@code now}.
     *
     * @throws InvalidInput naming the fields that are not a scope, a number of days or a sub-account id
     */
    public ApiTokens.NewToken request(Instant now) {
        FieldErrors errors = new FieldErrors();
        TokenScope parsedScope = null;
        try {
            parsedScope = TokenScope.valueOf(scope.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("scope", "Choose read or write.");
        }
        Instant expires = null;
        String days = expiresInDays.strip();
        try {
            int n = days.isEmpty() ? DEFAULT_DAYS : Integer.parseInt(days);
            if (n < 1 || n > MAX_DAYS) {
                throw new NumberFormatException();
            }
            expires = now.plus(Duration.ofDays(n));
        } catch (NumberFormatException e) {
            errors.add("expiresInDays", "A whole number of days from 1 to " + MAX_DAYS + ".");
        }
        UUID sub = null;
        if (!subAccount.isBlank()) {
            try {
                sub = UUID.fromString(subAccount.strip());
            } catch (IllegalArgumentException e) {
                errors.add("subAccount", "There is no such sub-account of yours.");
            }
        }
        java.util.Set<TokenResource> chosen = null;
        if (!resources.isEmpty()) {
            chosen = java.util.EnumSet.noneOf(TokenResource.class);
            for (String resource : resources) {
                try {
                    chosen.add(TokenResource.valueOf(resource.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    errors.add("resources", "Choose among servers, billing and accounts.");
                }
            }
        }
        errors.throwIfAny();
        return new ApiTokens.NewToken(name, parsedScope, sub, expires, ips(), chosen, bootstrap);
    }

    /** The allow-list entries, none when the field is empty (any address). */
    List<String> ips() {
        List<String> entries = Arrays.stream(allowedIps.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        return entries.isEmpty() ? null : entries;
    }

    /** The service's field errors under the names the form uses. */
    static FieldErrors onForm(FieldErrors errors) {
        FieldErrors out = new FieldErrors();
        errors.asMap().forEach((field, message) -> out.add(FIELDS.getOrDefault(field, field), message));
        return out;
    }
}
