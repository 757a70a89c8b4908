package io.innkeeper.provisioning.ip;

/** Every address of the region's pools is taken or still cooling down. */
public class NoFreeAddress extends RuntimeException {

    public NoFreeAddress(String message) {
        super(message);
    }
}
