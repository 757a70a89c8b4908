package io.innkeeper.provisioning.libvirt;

import static io.innkeeper.provisioning.libvirt.GuestConsole.run;

import java.time.Duration;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

/**
 * A libvirt network for a real guest's NIC, made for one test and destroyed after it. It first tries an isolated
 * network (a bridge libvirt creates, no {@code <ip>}, so no dnsmasq). libvirt still installs firewall rules for
 * that, which needs iptables and the LIBVIRT_* chains; where that fails it makes a Linux bridge itself and wraps it
 * in a {@code <forward mode='bridge'/>} network, which needs no firewall.
 */
final class ThrowawayNetwork implements AutoCloseable {

    private final Connect conn;
    private final String label;
    final String name;
    private final String hostBridge; // set only when this made a Linux bridge itself

    private ThrowawayNetwork(Connect conn, String label, String name, String hostBridge) {
        this.conn = conn;
        this.label = label;
        this.name = name;
        this.hostBridge = hostBridge;
    }

    static ThrowawayNetwork create(Connect conn, String label, String suffix) throws Exception {
        String name = "ik-test-" + suffix;
        String bridge = "ikbr" + suffix;
        try {
            conn.networkCreateXML("<network><name>" + name + "</name><bridge name='" + bridge + "'/></network>")
                    .free();
            System.out.println("[" + label + "] isolated network " + name + " on bridge " + bridge);
            return new ThrowawayNetwork(conn, label, name, null);
        } catch (LibvirtException e) {
            System.out.println("[" + label + "] isolated network failed (" + e.getMessage().strip()
                    + "); using a bridge made here with <forward mode='bridge'/>");
        }
        run(Duration.ofSeconds(10), "ip", "link", "add", bridge, "type", "bridge");
        run(Duration.ofSeconds(10), "ip", "link", "set", bridge, "up");
        conn.networkCreateXML("<network><name>" + name + "</name><forward mode='bridge'/><bridge name='" + bridge
                + "'/></network>").free();
        System.out.println("[" + label + "] bridged network " + name + " on bridge " + bridge);
        return new ThrowawayNetwork(conn, label, name, bridge);
    }

    @Override
    public void close() {
        try {
            Network net = conn.networkLookupByName(name);
            net.destroy();
            net.free();
        } catch (LibvirtException e) {
            System.out.println("[" + label + "] destroying network " + name + " failed: " + e.getMessage());
        }
        if (hostBridge != null) {
            try {
                run(Duration.ofSeconds(10), "ip", "link", "del", hostBridge);
            } catch (Exception e) {
                System.out.println("[" + label + "] deleting bridge " + hostBridge + " failed: " + e.getMessage());
            }
        }
    }
}
