package io.innkeeper.api;

/** A request body past {@link ApiEdge#MAX_BYTES}: 413. */
public class TooLarge extends RuntimeException {

    public TooLarge() {
        super("An API request body may be at most " + ApiEdge.MAX_BYTES + " bytes.");
    }
}
