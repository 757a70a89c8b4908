package io.innkeeper.provisioning.libvirt;

import javax.xml.stream.XMLStreamException;

import io.innkeeper.provisioning.driver.Cdrom;
import io.innkeeper.provisioning.driver.GuestSpec;

/**
 * A VM's CD-ROM drive and the boot order that puts it first. The drive sits on the IDE bus of the default (i440fx)
 * machine, which every installer and firmware knows, Windows setup included; it is read-only and holds an ISO from
 * the node's image directory, or nothing after an eject.
 */
final class VmCdrom {

    static final String TARGET = "hdc";
    static final String BUS = "ide";

    private VmCdrom() {
    }

    /**
     * Whether the guest boots through its firmware with the CD-ROM first. Direct kernel boot would bypass the
     * firmware's boot order, so this wins over {@link GuestSpec.Boot.Kernel}.
     */
    static boolean bootsFromCdrom(GuestSpec spec) {
        return spec.cdrom() != null && spec.cdrom().bootFirst();
    }

    /** {@code <boot>} entries inside {@code <os>}: the CD-ROM, then the disk. */
    static void bootOrder(XmlOut out) throws XMLStreamException {
        out.empty("boot").attr("dev", "cdrom");
        out.empty("boot").attr("dev", "hd");
    }

    /** The drive inside {@code <devices>}, when the spec has one. */
    static void drive(XmlOut out, GuestSpec spec, NodeLayout layout) throws XMLStreamException {
        if (spec.cdrom() != null) {
            write(out, spec.cdrom(), layout);
        }
    }

    /** The drive alone, for {@code virDomainUpdateDeviceFlags}: libvirt finds the device by its target. */
    static String deviceXml(Cdrom cdrom, NodeLayout layout) {
        return XmlOut.document(out -> write(out, cdrom, layout));
    }

    static String isoPath(NodeLayout layout, String isoFile) {
        return layout.imageDir() + "/" + isoFile;
    }

    private static void write(XmlOut out, Cdrom cdrom, NodeLayout layout) throws XMLStreamException {
        out.start("disk").attr("type", "file").attr("device", "cdrom");
        out.empty("driver").attr("name", "qemu").attr("type", "raw");
        if (cdrom.isoFile() != null) {
            out.empty("source").attr("file", isoPath(layout, cdrom.isoFile()));
        }
        out.empty("target").attr("dev", TARGET).attr("bus", BUS);
        out.empty("readonly");
        out.end();
    }
}
