package io.innkeeper.provisioning.libvirt;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;

/**
 * A change of a VM's CD-ROM: the stored definition is rewritten from the spec (the drive, its ISO and the boot
 * order, all for the next start), then a running guest that already has the drive gets the new medium through
 * {@code virDomainUpdateDeviceFlags}, as {@code virsh change-media} does. IDE drives cannot be hot-plugged, so a
 * guest that runs without one gets it at its next start. The eject is forced: a guest that locked the tray (Linux
 * does while the disc is open) cannot keep the medium.
 */
final class LibvirtCdrom {

    private LibvirtCdrom() {
    }

    static boolean apply(Connect connect, DomainXml dialect, GuestSpec spec) throws LibvirtException {
        NodeLayout layout = dialect.diskLayout().filter(l -> dialect.hasCdrom(spec))
                .orElseThrow(() -> new DriverException.Unsupported("this node's guests have no CD-ROM drive", null));
        Domain domain = connect.domainLookupByUUID(spec.id());
        try {
            boolean liveDrive = domain.isActive() != 0 && XmlIn.parse(domain.getXMLDesc(0))
                    .text("/domain/devices/disk[@device='cdrom']/target[@dev='" + VmCdrom.TARGET + "']/@dev") != null;
            connect.domainDefineXML(dialect.write(spec)).free();
            if (!liveDrive || spec.cdrom() == null) {
                return false;
            }
            try {
                domain.updateDeviceFlags(VmCdrom.deviceXml(spec.cdrom(), layout),
                        Domain.DeviceModifyFlags.LIVE | Domain.DeviceModifyFlags.FORCE);
                return true;
            } catch (LibvirtException e) {
                // A hypervisor without live media changes (libvirt's test driver) takes the medium at the next start.
                if (LibvirtErrors.translate("", e) instanceof DriverException.Unsupported) {
                    return false;
                }
                throw e;
            }
        } finally {
            domain.free();
        }
    }
}
