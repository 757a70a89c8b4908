package io.innkeeper.provisioning.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.innkeeper.provisioning.driver.Cdrom;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.Boot;

/** The KVM dialect's CD-ROM drive and boot order, read back and checked against libvirt's schema. */
class VmCdromTest {

    private static final Boot KERNEL = new Boot.Kernel("/k/vmlinuz", "/k/initrd", "console=ttyS0", true);
    private final KvmDomainXml kvm = new KvmDomainXml("qemu", Dialect.LAYOUT);
    private final GuestSpec guest = new GuestSpec(UUID.randomUUID(), UUID.randomUUID(), "web-1.example.com", 1, 512,
            10, "debian-12");

    @Test
    void noDriveUntilTheGuestHasOne(@TempDir Path dir) throws Exception {
        XmlIn xml = valid(guest, dir);
        assertThat(xml.texts("/domain/devices/disk[@device='cdrom']")).isEmpty();
        assertThat(xml.texts("/domain/os/boot/@dev")).containsExactly("hd");
    }

    @Test
    void isoInAReadOnlyIdeDriveBootingFromDisk(@TempDir Path dir) throws Exception {
        XmlIn xml = valid(guest.withCdrom(new Cdrom("debian-12-netinst.iso", false)), dir);
        assertThat(xml.text("/domain/devices/disk[@device='cdrom']/source/@file"))
                .isEqualTo("/var/lib/innkeeper/images/debian-12-netinst.iso");
        assertThat(xml.text("/domain/devices/disk[@device='cdrom']/target/@bus")).isEqualTo("ide");
        assertThat(xml.texts("/domain/devices/disk[@device='cdrom']/readonly")).hasSize(1);
        assertThat(xml.texts("/domain/os/boot/@dev")).containsExactly("hd");
    }

    @Test
    void emptyDriveStaysAfterAnEject(@TempDir Path dir) throws Exception {
        XmlIn xml = valid(guest.withCdrom(Cdrom.EMPTY), dir);
        assertThat(xml.texts("/domain/devices/disk[@device='cdrom']/target/@dev")).containsExactly("hdc");
        assertThat(xml.texts("/domain/devices/disk[@device='cdrom']/source")).isEmpty();
    }

    @Test
    void bootFromCdromGoesThroughTheFirmwareEvenForKernelBoot(@TempDir Path dir) throws Exception {
        for (Boot boot : List.of(Boot.FROM_DISK, KERNEL)) {
            XmlIn xml = valid(guest.withBoot(boot).withCdrom(new Cdrom("win.iso", true)), dir);
            assertThat(xml.texts("/domain/os/boot/@dev")).containsExactly("cdrom", "hd");
            assertThat(xml.text("/domain/os/kernel")).isNull();
        }
        XmlIn back = valid(guest.withBoot(KERNEL).withCdrom(new Cdrom("win.iso", false)), dir);
        assertThat(back.text("/domain/os/kernel")).isEqualTo("/k/vmlinuz");
        assertThat(back.texts("/domain/os/boot/@dev")).isEmpty();
    }

    @Test
    void xenHvmGuestsGetTheDriveAndPvGuestsNone(@TempDir Path dir) throws Exception {
        XenDomainXml xen = new XenDomainXml(Dialect.LAYOUT);
        GuestSpec hvm = guest.withCdrom(new Cdrom("win.iso", true));
        XmlIn xml = valid(xen.write(hvm), dir);
        assertThat(xml.texts("/domain/os/boot/@dev")).containsExactly("cdrom", "hd");
        assertThat(xml.text("/domain/devices/disk[@device='cdrom']/source/@file")).endsWith("/win.iso");
        assertThat(xen.hasCdrom(hvm)).isTrue();
        assertThat(xen.hasCdrom(hvm.withVirtMode(GuestSpec.VirtMode.PV))).isFalse();
        assertThat(new LxcDomainXml(Dialect.LAYOUT).hasCdrom(hvm)).isFalse();
    }

    @Test
    void isoFileNamesStayInTheImageDirectory() {
        for (String bad : List.of("../etc/shadow.iso", "/abs.iso", "a/b.iso", "x.img", ".iso", "a..b.iso",
                "a b.iso", "x".repeat(200) + ".iso")) {
            assertThatThrownBy(() -> new Cdrom(bad, false)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new Cdrom("Win_11-23H2.x64.iso", true).isoFile()).isEqualTo("Win_11-23H2.x64.iso");
    }

    private XmlIn valid(GuestSpec spec, Path dir) throws Exception {
        return valid(kvm.write(spec), dir);
    }

    private XmlIn valid(String xml, Path dir) throws Exception {
        Path file = dir.resolve("domain-" + UUID.randomUUID() + ".xml");
        Files.writeString(file, xml);
        Process validate = new ProcessBuilder("virt-xml-validate", file.toString(), "domain")
                .redirectErrorStream(true).start();
        assertThat(validate.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.exitValue()).as(output + "\n" + xml).isZero();
        return XmlIn.parse(xml);
    }
}
