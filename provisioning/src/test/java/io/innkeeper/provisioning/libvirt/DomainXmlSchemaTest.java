package io.innkeeper.provisioning.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.Boot;
import io.innkeeper.provisioning.driver.GuestSpec.Limits;

/** Every dialect, at plan-like sizes, with and without limits and direct kernel boot, against libvirt's schema. */
class DomainXmlSchemaTest {

    private static final Limits PLAN_LIMITS = new Limits(2048, 100_000L, 150_000L, 2_000L, 200L * 1024 * 1024,
            12_800L, 25_600L);
    private static final Limits SHARES_ONLY = new Limits(512, null, null, null, null, 1_024L, null);
    private static final Boot KERNEL_WITH_DISK = new Boot.Kernel("/var/lib/innkeeper/kernels/vmlinuz",
            "/var/lib/innkeeper/kernels/initrd.img", "console=ttyS0 root=/dev/vda1", true);
    private static final Boot KERNEL_ONLY = new Boot.Kernel("/var/lib/innkeeper/kernels/vmlinuz",
            "/var/lib/innkeeper/kernels/initramfs.cpio.gz", "console=ttyS0 rdinit=/init", false);

    static Stream<Arguments> guests() {
        List<Arguments> cases = new ArrayList<>();
        for (Dialect dialect : Dialect.values()) {
            for (GuestSpec size : List.of(spec(1, 512, 10), spec(2, 4096, 80))) {
                for (Limits limits : List.of(Limits.NONE, PLAN_LIMITS, SHARES_ONLY)) {
                    List<Boot> boots = dialect.isContainer() ? List.of(Boot.FROM_DISK)
                            : List.of(Boot.FROM_DISK, KERNEL_WITH_DISK, KERNEL_ONLY);
                    for (Boot boot : boots) {
                        GuestSpec guest = dialect.adapt(size.withLimits(limits).withBoot(boot));
                        cases.add(Arguments.of(dialect, guest));
                        cases.add(Arguments.of(dialect, guest.withSeed("http://203.0.113.10:8080/cloud-init/"
                                + guest.id() + "/0123abcd/")));
                    }
                }
            }
        }
        return cases.stream();
    }

    private static GuestSpec spec(int vcpus, int memoryMib, int diskGib) {
        return new GuestSpec(UUID.randomUUID(), UUID.randomUUID(), "web-1.example.com", vcpus, memoryMib, diskGib,
                "debian-12");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("guests")
    void libvirtSchemaAcceptsEveryGuest(Dialect dialect, GuestSpec spec, @TempDir Path dir) throws Exception {
        validate(dialect.xml().write(spec), "domain", dir);
    }

    /** A VM on a remote node: its VNC display listens on the node's management address. */
    @Test
    void libvirtSchemaAcceptsAVncDisplayOnARemoteNodesAddress(@TempDir Path dir) throws Exception {
        NodeLayout remote = Dialect.LAYOUT.withGraphicsListen(VncAddress.listen("qemu+ssh://root@10.0.4.7/system"));
        validate(new KvmDomainXml("kvm", remote).write(spec(2, 4096, 80)), "domain", dir);
    }

    /** The disk volume of a guest from a qcow2 or raw template (or one at its own path), and the image pool. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "debian-12.qcow2", "windows-2022.img", "/srv/templates/alma-9.qcow2" })
    void libvirtSchemaAcceptsTheDiskVolumeAndPool(String image, @TempDir Path dir) throws Exception {
        GuestSpec guest = new GuestSpec(UUID.randomUUID(), UUID.randomUUID(), "web-1.example.com", 2, 4096, 80,
                image);
        validate(LibvirtVolumes.volumeXml(Dialect.LAYOUT, guest), "storagevol", dir);
        validate(LibvirtVolumes.poolXml(LibvirtVolumes.POOL, Dialect.LAYOUT.imageDir()), "storagepool", dir);
    }

    private static void validate(String xml, String schema, Path dir) throws Exception {
        Path file = dir.resolve(schema + ".xml");
        Files.writeString(file, xml);
        Process validate = new ProcessBuilder("virt-xml-validate", file.toString(), schema)
                .redirectErrorStream(true).start();
        assertThat(validate.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.exitValue()).as(output + "\n" + xml).isZero();
    }
}
