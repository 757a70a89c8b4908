package io.innkeeper.provisioning.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.Boot;
import io.innkeeper.provisioning.driver.GuestSpec.VirtMode;

class OtherDialectsTest {

    private static final GuestSpec SPEC = new GuestSpec(UUID.fromString("5f0c6a9e-9c1b-4f7e-8d0a-3b2f1e4d5c6a"),
            UUID.fromString("0b7e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d"), "web-1.example.com", 2, 4096, 80, "debian-12");

    @Test
    void xenPvBootsThroughPygrubOrAGivenKernel() {
        GuestSpec pv = SPEC.withVirtMode(VirtMode.PV);
        String xml = Dialect.XEN_PV.xml().write(pv);
        assertThat(xml).contains("<domain type=\"xen\">", "<bootloader>/usr/lib/xen-4.17/bin/pygrub</bootloader>",
                "<type arch=\"x86_64\">linux</type>", "<target dev=\"xvda\" bus=\"xen\"/>",
                "<target type=\"xen\" port=\"0\"/>").doesNotContain("hvm");
        String direct = Dialect.XEN_PV.xml().write(pv.withBoot(new Boot.Kernel("/k/vmlinuz", null, null, true)));
        assertThat(direct).contains("<kernel>/k/vmlinuz</kernel>").doesNotContain("bootloader");
    }

    @Test
    void xenHvmHasTheLoaderTheSchemaAsksFor() {
        String xml = Dialect.XEN_HVM.xml().write(SPEC);
        assertThat(xml).contains("<domain type=\"xen\">", "<type arch=\"x86_64\">hvm</type>",
                "<loader type=\"rom\">/usr/lib/xen-4.17/boot/hvmloader</loader>", "<serial type=\"pty\">")
                .doesNotContain("bootloader");
    }

    @Test
    void lxcRunsInitOnTheGuestsOwnRoot() {
        String xml = Dialect.LXC.xml().write(SPEC);
        assertThat(xml).contains("<domain type=\"lxc\">", "<type arch=\"x86_64\">exe</type><init>/sbin/init</init>",
                "<filesystem type=\"mount\" accessmode=\"passthrough\"><source dir=\"/var/lib/innkeeper/containers/"
                        + "5f0c6a9e-9c1b-4f7e-8d0a-3b2f1e4d5c6a\"/><target dir=\"/\"/></filesystem>",
                "ik:guest").doesNotContain("<disk");
    }

    @Test
    void openVzUsesTheTemplateWithTheDiskQuota() {
        String xml = Dialect.OPENVZ.xml().write(SPEC);
        assertThat(xml).contains("<domain type=\"openvz\">", "<init>/sbin/init</init>",
                "<filesystem type=\"template\"><source name=\"debian-12\"/><target dir=\"/\"/>",
                "<space_hard_limit unit=\"GiB\">80</space_hard_limit>");
    }

    @Test
    void containersRefuseAKernelOfTheirOwn() {
        GuestSpec kernel = SPEC.withBoot(new Boot.Kernel("/k/vmlinuz", null, null, false));
        assertThatThrownBy(() -> Dialect.LXC.xml().write(kernel)).isInstanceOf(DriverException.Unsupported.class);
        assertThatThrownBy(() -> Dialect.OPENVZ.xml().write(kernel)).isInstanceOf(DriverException.Unsupported.class);
    }
}
