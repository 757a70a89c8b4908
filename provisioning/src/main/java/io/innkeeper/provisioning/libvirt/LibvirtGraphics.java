package io.innkeeper.provisioning.libvirt;

import java.io.ByteArrayOutputStream;
import java.util.UUID;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;

import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.VncDisplay;

/**
 * A VM's screen through libvirt: where its VNC display listens (read from the live domain XML, where libvirt
 * writes the port it picked) and a screenshot ({@code virDomainScreenshot}, a stream over the node's libvirt
 * connection, so it works where the panel cannot reach the display itself).
 */
final class LibvirtGraphics {

    /** A 4K screen as PPM is 25 MB; anything larger is not a screen. */
    private static final int MAX_SCREENSHOT_BYTES = 64 * 1024 * 1024;
    private static final String VNC = "/domain/devices/graphics[@type='vnc']";

    private LibvirtGraphics() {
    }

    /** Called under the connection's lock. */
    static VncDisplay display(String uri, Connect connect, UUID guestId) throws LibvirtException {
        Domain domain = running(uri, connect, guestId);
        try {
            XmlIn xml = XmlIn.parse(domain.getXMLDesc(0));
            Long port = xml.number(VNC + "/@port");
            if (port == null || port < 1) {
                throw new DriverException.Unsupported(uri + ": guest " + guestId + " has no VNC display", null);
            }
            String listen = xml.text(VNC + "/listen[@type='address']/@address");
            String address = listen != null ? listen : xml.text(VNC + "/@listen");
            String host = VncAddress.reach(uri, address).orElseThrow(() -> new DriverException.Unsupported(uri
                    + ": guest " + guestId + "'s VNC display listens on the node's loopback (" + address + ")", null));
            return new VncDisplay(host, port.intValue());
        } finally {
            domain.free();
        }
    }

    /** The screen as PNG; QEMU hands PPM, which is converted. Called under the connection's lock. */
    static byte[] screenshot(String uri, Connect connect, UUID guestId) throws LibvirtException {
        Domain domain = running(uri, connect, guestId);
        Stream stream = connect.streamNew(0);
        try {
            String mime = domain.screenshot(stream, 0);
            ByteArrayOutputStream image = new ByteArrayOutputStream();
            byte[] buffer = new byte[256 * 1024];
            for (int got = stream.receive(buffer); got > 0; got = stream.receive(buffer)) {
                image.write(buffer, 0, got);
                if (image.size() > MAX_SCREENSHOT_BYTES) {
                    stream.abort();
                    throw new DriverException.Unsupported(uri + ": screenshot larger than 64 MiB", null);
                }
            }
            stream.finish();
            if (mime != null && mime.contains("png")) {
                return image.toByteArray();
            }
            try {
                return PpmImage.toPng(image.toByteArray());
            } catch (IllegalArgumentException e) {
                throw new DriverException.Unsupported(uri + ": screenshot of guest " + guestId + " came as " + mime
                        + ": " + e.getMessage(), e);
            }
        } finally {
            stream.free();
            domain.free();
        }
    }

    private static Domain running(String uri, Connect connect, UUID guestId) throws LibvirtException {
        Domain domain = connect.domainLookupByUUID(guestId);
        if ("TEST".equalsIgnoreCase(connect.getType())) {
            domain.free();
            throw new DriverException.Unsupported(uri + ": libvirt's test driver has no screens", null);
        }
        if (domain.isActive() == 0) {
            domain.free();
            throw new DriverException.Conflict("guest " + guestId + " is not running", null);
        }
        return domain;
    }
}
