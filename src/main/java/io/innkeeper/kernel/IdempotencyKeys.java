package io.innkeeper.kernel;

import java.util.Optional;
import java.util.regex.Pattern;

/** The form of an idempotency key, wherever one is taken: 1 to 200 visible ASCII characters. */
public final class IdempotencyKeys {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private IdempotencyKeys() {
    }

    /** Why the key cannot be used, or empty when it can (a missing key is fine: the request is then not retried). */
    public static Optional<String> problem(String key) {
        return key == null || KEY.matcher(key).matches() ? Optional.empty()
                : Optional.of("An idempotency key has 1 to 200 visible ASCII characters.");
    }
}
