package io.innkeeper.provisioning.node;

/** No node in the region can take the guest: none of its type, all in maintenance, or all full. */
public class NoCapacity extends RuntimeException {

    public NoCapacity(String message) {
        super(message);
    }
}
