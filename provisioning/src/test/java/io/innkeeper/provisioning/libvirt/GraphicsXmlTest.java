package io.innkeeper.provisioning.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.VirtMode;

/** VMs get a VNC display where only the panel reaches it, and a video card; containers and Xen PV get neither. */
class GraphicsXmlTest {

    private static final GuestSpec SPEC = new GuestSpec(UUID.fromString("5f0c6a9e-9c1b-4f7e-8d0a-3b2f1e4d5c6a"),
            UUID.fromString("0b7e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d"), "web-1.example.com", 2, 4096, 80, "debian-12");

    private static final String LOOPBACK_VNC = "<graphics type=\"vnc\" autoport=\"yes\" listen=\"127.0.0.1\">"
            + "<listen type=\"address\" address=\"127.0.0.1\"/></graphics>";
    private static final String VGA = "<video><model type=\"vga\"/></video>";

    @Test
    void kvmAndXenHvmGuestsGetAVncDisplayOnLoopbackAndAVideoCard() {
        assertThat(Dialect.KVM.xml().write(SPEC)).contains(LOOPBACK_VNC, VGA);
        assertThat(Dialect.QEMU.xml().write(SPEC)).contains(LOOPBACK_VNC, VGA);
        assertThat(Dialect.XEN_HVM.xml().write(SPEC)).contains(LOOPBACK_VNC, VGA);
    }

    @Test
    void aRemoteNodesDisplayListensOnTheAddressThePanelReachesItBy() {
        NodeLayout remote = Dialect.LAYOUT.withGraphicsListen(VncAddress.listen("qemu+ssh://root@10.0.4.7/system"));
        assertThat(new KvmDomainXml("kvm", remote).write(SPEC)).contains(
                "<graphics type=\"vnc\" autoport=\"yes\" listen=\"10.0.4.7\">"
                        + "<listen type=\"address\" address=\"10.0.4.7\"/></graphics>")
                .doesNotContain("0.0.0.0", "127.0.0.1");
    }

    @Test
    void containersAndXenPvGuestsHaveNoScreen() {
        assertThat(Dialect.LXC.xml().write(SPEC)).doesNotContain("<graphics", "<video");
        assertThat(Dialect.OPENVZ.xml().write(SPEC)).doesNotContain("<graphics", "<video");
        assertThat(Dialect.XEN_PV.xml().write(SPEC.withVirtMode(VirtMode.PV))).doesNotContain("<graphics",
                "<video");
    }
}
