package io.innkeeper.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, as the realm's OTP policy says) for logins whose
 * secret the tests know: the demo admin's, which the realm file enrols, and any a test enrolled itself.
 * <p>
 * The realm keeps Keycloak's default that a code is good once ("code reusable" off), as a deployment should, and
 * accepts the code of the next step too (look-ahead window 1). Many tests sign the admin in within one step, so
 * each login's codes are handed out for strictly increasing steps: the current one, else the next, else this
 * waits for the step after. Reusing a code would make the second sign-in fail; turning reuse on in the realm would
 * test a weaker realm than the one shipped.
 */
public final class Totp {

    /** Keycloak's stored secret of the demo admin's authenticator (see keycloak/innkeeper-realm.json). */
    public static final String DEMO_ADMIN_SECRET = "innkeeper-demo-admin";

    private static final long STEP_SECONDS = 30;
    private static final Map<String, String> SECRETS = new HashMap<>(Map.of("admin", DEMO_ADMIN_SECRET));
    private static final Map<String, Long> LAST_STEP = new HashMap<>();

    private Totp() {
    }

    /** Remembers the secret a test enrolled for this login, as Keycloak stores it (the key's raw text). */
    public static synchronized void enrolled(String login, String secret) {
        SECRETS.put(login, secret);
    }

    /** Whether this login has an authenticator the tests know, so Keycloak will ask it for a code. */
    public static synchronized boolean knows(String login) {
        return SECRETS.containsKey(login);
    }

    /** The code of one time step for a secret, as an authenticator app shows it. */
    public static String code(String secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
    }

    /** The time step of an instant given in epoch seconds. */
    public static long step(long epochSeconds) {
        return epochSeconds / STEP_SECONDS;
    }

    /** A code for this login that no earlier call gave out; waits for the next step when two were used already. */
    public static synchronized String next(String login) {
        String secret = SECRETS.get(login);
        if (secret == null) {
            throw new IllegalStateException("no known authenticator for " + login);
        }
        Clock clock = Clock.systemUTC();
        long now = step(clock.instant().getEpochSecond());
        long step = Math.max(now, LAST_STEP.getOrDefault(login, Long.MIN_VALUE) + 1);
        while (step > step(clock.instant().getEpochSecond()) + 1) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        LAST_STEP.put(login, step);
        return code(secret, step);
    }
}
