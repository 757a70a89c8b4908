package io.innkeeper.provisioning.driver;

/**
 * The few ways a driver call can fail, so that the job engine decides retry or give up by type, not by parsing
 * messages.
 */
public abstract sealed class DriverException extends RuntimeException {

    protected DriverException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The node or the network failed; the same call may work later. */
    public static final class Transient extends DriverException {
        public Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The node has no guest with that UUID. */
    public static final class NotFoundOnHost extends DriverException {
        public NotFoundOnHost(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The guest is in a state that does not allow the operation (for example rebooting a stopped guest). */
    public static final class Conflict extends DriverException {
        public Conflict(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The node cannot do this at all (missing feature, wrong guest type). Retrying will not help. */
    public static final class Unsupported extends DriverException {
        public Unsupported(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
