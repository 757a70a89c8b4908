package io.innkeeper.provisioning.libvirt;

import javax.xml.stream.XMLStreamException;

import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.Boot;
import io.innkeeper.provisioning.driver.GuestSpec.Limits;

/** Devices and boot pieces KVM and Xen guests share: disk with I/O limits, NIC, console log, balloon. */
final class VmDevices {

    private VmDevices() {
    }

    /** {@code <kernel>}, {@code <initrd>} and {@code <cmdline>} inside {@code <os>} for direct kernel boot. */
    static void kernel(XmlOut out, Boot.Kernel kernel) throws XMLStreamException {
        out.leaf("kernel", kernel.kernel());
        if (kernel.initrd() != null) {
            out.leaf("initrd", kernel.initrd());
        }
        if (kernel.cmdline() != null) {
            out.leaf("cmdline", kernel.cmdline());
        }
    }

    /**
     * The cloud-init seed address as the SMBIOS system serial ({@code ds=nocloud;s=URL}), where NoCloud looks
     * for it; {@code <smbios mode='sysinfo'/>} inside {@code <os>} hands this block to the guest.
     */
    static void seedSysinfo(XmlOut out, GuestSpec spec) throws XMLStreamException {
        if (spec.seedUrl() == null) {
            return;
        }
        out.start("sysinfo").attr("type", "smbios");
        out.start("system");
        out.leaf("entry", "name", "serial", "ds=nocloud;s=" + spec.seedUrl());
        out.end();
        out.end();
    }

    static void seedSmbiosMode(XmlOut out, GuestSpec spec) throws XMLStreamException {
        if (spec.seedUrl() != null) {
            out.empty("smbios").attr("mode", "sysinfo");
        }
    }

    /** Direct kernel boot may leave the disk out; every other guest has one. */
    static boolean hasDisk(GuestSpec spec) {
        return !(spec.boot() instanceof Boot.Kernel kernel) || kernel.withDisk();
    }

    static void disk(XmlOut out, GuestSpec spec, NodeLayout layout, String dev, String bus)
            throws XMLStreamException {
        if (!hasDisk(spec)) {
            return;
        }
        out.start("disk").attr("type", "file").attr("device", "disk");
        out.empty("driver").attr("name", "qemu").attr("type", "qcow2");
        out.empty("source").attr("file", layout.diskImage(spec.id()));
        out.empty("target").attr("dev", dev).attr("bus", bus);
        Limits limits = spec.limits();
        if (limits.hasDiskIo()) {
            out.start("iotune");
            out.leafIfSet("total_bytes_sec", limits.diskBytesPerSec());
            out.leafIfSet("total_iops_sec", limits.diskIops());
            out.end();
        }
        out.end();
    }

    /** A pty console whose output is also logged on the node, so support can read a guest's boot. */
    static void serialConsole(XmlOut out, GuestSpec spec, NodeLayout layout) throws XMLStreamException {
        out.start("serial").attr("type", "pty");
        out.empty("log").attr("file", layout.consoleLog(spec.id())).attr("append", "on");
        out.empty("target").attr("port", 0);
        out.end();
        out.start("console").attr("type", "pty");
        out.empty("target").attr("type", "serial").attr("port", 0);
        out.end();
    }

    /**
     * A VNC display for the graphical console, on a port libvirt picks, listening only on the node's management
     * address (loopback on the panel's own host), and a VGA card so there is a screen to show.
     */
    static void graphics(XmlOut out, NodeLayout layout) throws XMLStreamException {
        out.start("graphics").attr("type", "vnc").attr("autoport", "yes").attr("listen", layout.graphicsListen());
        out.empty("listen").attr("type", "address").attr("address", layout.graphicsListen());
        out.end();
        out.start("video");
        out.empty("model").attr("type", "vga");
        out.end();
    }
}
