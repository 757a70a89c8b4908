package io.innkeeper.provisioning.cloudinit;

import java.util.List;
import java.util.Objects;

/**
 * How the customer gets into a guest: a root password as a SHA-512 crypt hash (or none), public SSH keys for
 * root, and optional #cloud-config user data. The password itself is never stored.
 */
public record GuestAccess(String rootPasswordHash, List<String> sshKeys, String userData) {

    public static final GuestAccess NONE = new GuestAccess(null, List.of(), null);

    public GuestAccess {
        sshKeys = List.copyOf(Objects.requireNonNull(sshKeys, "sshKeys"));
        if (rootPasswordHash != null && !rootPasswordHash.startsWith("$6$")) {
            throw new IllegalArgumentException("the root password is stored as a SHA-512 crypt hash");
        }
    }
}
