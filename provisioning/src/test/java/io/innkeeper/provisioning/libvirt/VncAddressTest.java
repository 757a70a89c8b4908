package io.innkeeper.provisioning.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a VNC display listens and where the panel reaches it, from the node's libvirt URI. */
class VncAddressTest {

    @Test
    void listensOnTheNodesManagementHostOrLoopbackForTheLocalNode() {
        assertThat(VncAddress.listen("qemu:///system")).isEqualTo("127.0.0.1");
        assertThat(VncAddress.listen("test:///default")).isEqualTo("127.0.0.1");
        assertThat(VncAddress.listen("qemu+ssh://root@node1.example.net/system")).isEqualTo("node1.example.net");
        assertThat(VncAddress.listen("qemu+tls://[2001:db8::5]/system")).isEqualTo("2001:db8::5");
        assertThat(VncAddress.listen("xen+ssh://root@10.0.4.7:2222/")).isEqualTo("10.0.4.7");
    }

    @Test
    void reachesTheListenAddressOrTheNodeWhenItListensEverywhere() {
        assertThat(VncAddress.reach("qemu:///system", "127.0.0.1")).contains("127.0.0.1");
        assertThat(VncAddress.reach("qemu+ssh://root@10.0.4.7/system", "10.0.4.7")).contains("10.0.4.7");
        assertThat(VncAddress.reach("qemu+ssh://root@10.0.4.7/system", "0.0.0.0")).contains("10.0.4.7");
        assertThat(VncAddress.reach("qemu+ssh://root@10.0.4.7/system", null)).contains("10.0.4.7");
        assertThat(VncAddress.reach("qemu:///system", "::")).contains("127.0.0.1");
    }

    @Test
    void aRemoteNodesLoopbackIsOutOfReach() {
        // Connecting to 127.0.0.1 would reach the panel's own host, not the node's display.
        assertThat(VncAddress.reach("qemu+ssh://root@10.0.4.7/system", "127.0.0.1")).isEmpty();
        assertThat(VncAddress.reach("qemu+ssh://root@10.0.4.7/system", "::1")).isEmpty();
    }
}
