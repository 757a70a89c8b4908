package io.innkeeper.provisioning.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;

/** The NoCloud seed in a container's root: {@code /var/lib/cloud/seed/nocloud/meta-data} pointing at the panel. */
final class ContainerSeed {

    static final String DIR = "var/lib/cloud/seed/nocloud";

    private ContainerSeed() {
    }

    /** Writes the seed if the container's root exists; a root that is not unpacked yet is left alone. */
    static void write(Path root, GuestSpec spec) {
        if (!Files.isDirectory(root)) {
            return;
        }
        Path dir = root.resolve(DIR);
        try {
            Files.createDirectories(dir);
            // seedfrom sends cloud-init to the panel for the real documents, which override these lines.
            Files.writeString(dir.resolve("meta-data"), "instance-id: ik-" + spec.id() + "\nseedfrom: "
                    + spec.seedUrl() + "\n");
            Files.writeString(dir.resolve("user-data"), "#cloud-config\n");
        } catch (IOException e) {
            throw new DriverException.Transient("cannot write the cloud-init seed into " + root + ": "
                    + e.getMessage(), e);
        }
    }
}
