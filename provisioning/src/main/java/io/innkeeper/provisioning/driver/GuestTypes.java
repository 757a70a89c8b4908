package io.innkeeper.provisioning.driver;

import java.util.Set;

/** What the guest types have in common, named once. */
public final class GuestTypes {

    /** Guest types that run on their host's kernel, with a root filesystem instead of a disk. */
    private static final Set<String> CONTAINERS = Set.of("lxc", "openvz");

    private GuestTypes() {
    }

    public static boolean isContainer(String guestType) {
        return CONTAINERS.contains(guestType);
    }
}
