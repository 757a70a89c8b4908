package io.innkeeper.provisioning.rescue;

import java.util.regex.Pattern;

import io.innkeeper.provisioning.driver.GuestSpec.Boot;

/**
 * How a guest in rescue boots: the rescue system's kernel and initramfs with the guest's own disk attached, the
 * admin's command line and, after it, {@value #HASH_PARAMETER} with the SHA-512 crypt hash of the one-time root
 * password. The rescue system writes the hash into its {@code /etc/shadow}; the password itself never leaves the
 * panel's answer to the customer, and a hash on the command line tells a reader of the node's domain XML nothing
 * they could log in with.
 */
public final class RescueBoot {

    /** The kernel parameter that carries the root password's hash to the rescue system. */
    public static final String HASH_PARAMETER = "innkeeper.rescue_hash";

    /** A SHA-512 crypt hash: only characters a kernel command line passes through unchanged. */
    private static final Pattern HASH = Pattern.compile("\\$6\\$(rounds=[0-9]{1,9}\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{86}");

    /** Guest types that run on their host's kernel: they have no boot of their own to replace. */

    private RescueBoot() {
    }

    /**
     * Why a guest of this type has no rescue mode, in words for the customer and what they get instead; empty for
     * virtual machines.
     */
    public static java.util.Optional<String> unavailableOn(String guestType) {
        if (!io.innkeeper.provisioning.driver.GuestTypes.isContainer(guestType)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("Containers have no rescue mode: a container runs on its host's kernel, so "
                + "there is no boot of its own to replace. Open the console instead: it gives a shell inside the "
                + "container even when its network is broken, and a snapshot or a reinstall puts the system back.");
    }

    public static Boot.Kernel of(String kernel, String initrd, String cmdline, String passwordHash) {
        if (passwordHash == null || !HASH.matcher(passwordHash).matches()) {
            throw new IllegalArgumentException("the rescue password hash is not a SHA-512 crypt hash");
        }
        String admin = cmdline == null ? "" : cmdline.strip();
        String line = (admin.isEmpty() ? "" : admin + " ") + HASH_PARAMETER + "=" + passwordHash;
        return new Boot.Kernel(kernel, initrd, line, true);
    }
}
