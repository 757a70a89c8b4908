package io.innkeeper.tenancy;

import java.util.Collection;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;

/**
 * What counts as a two-factor sign-in: the token's {@code amr} claim (RFC 8176) names {@code otp}, the reference
 * the realm's flows give Keycloak's OTP step. Keycloak's AMR mapper puts the claim in the panel's tokens.
 */
public final class TwoFactor {

    /** The authentication method reference of a one-time code, as the realm file configures it. */
    public static final String OTP = "otp";

    private TwoFactor() {
    }

    /** Whether a token's {@code amr} claim (a JSON array, a collection or absent) says a one-time code was given. */
    public static boolean signedInWith(Object amr) {
        if (amr instanceof JsonArray array) {
            return array.stream().anyMatch(v -> v instanceof JsonString s && OTP.equals(s.getString()));
        }
        if (amr instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> OTP.equals(String.valueOf(v)));
        }
        return amr instanceof String s && OTP.equals(s);
    }
}
