package io.innkeeper.kernel;

/** Too much at once: the caller should try again shortly (HTTP 503 with Retry-After). */
public class Busy extends RuntimeException {

    public Busy(String message) {
        super(message);
    }
}
