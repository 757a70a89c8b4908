package io.innkeeper.api;

/** A request body past {@link ApiBodyLimit#MAX_BYTES}: 413. */
public class TooLarge extends RuntimeException {

    public TooLarge() {
        super("An API request body may be at most " + ApiBodyLimit.MAX_BYTES + " bytes.");
    }
}
