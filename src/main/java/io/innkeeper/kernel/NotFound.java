package io.innkeeper.kernel;

/**
 * The caller may not see the object, or it does not exist: both answer 404, so that probing another
 * tenant's ids reveals nothing.
 */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found");
    }
}
