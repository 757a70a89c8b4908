package io.innkeeper.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * A real QEMU guest behind a panel server, for console tests: the guest image of bin/build-guest-image (Debian's
 * kernel, a busybox initramfs whose init keeps a shell on ttyS0) booted as a transient domain with the server's
 * UUID on the local libvirtd, and the server's guest moved onto {@link ConsoleNode}'s node, so the panel reaches
 * its console as it would any node's: through libvirt.
 */
@ApplicationScoped
public class LiveConsoleGuest {

    static final String LXC_URI = "lxc:///system";

    @Inject
    ConsoleNode consoleNode;

    private final Map<UUID, UUID> previousNodes = new ConcurrentHashMap<>();

    /** Only where bin/test started libvirtd and the guest image is built. */
    public static boolean available() {
        return ConsoleNode.available() && Files.exists(guestDir().resolve("vmlinuz"))
                && Files.exists(guestDir().resolve("initramfs.cpio.gz"));
    }

    /** Boots the guest and points the server at it; its shell answers on the serial line some seconds later. */
    public void boot(UUID serverId) {
        boot(serverId, false);
    }

    /**
     * As {@link #boot(UUID)}, with a screen: a VNC display on loopback (as the panel writes it for a node on its own
     * host) and a VGA card, and the kernel writing its messages there too ({@code console=tty0}); the shell stays
     * on the serial line, the last console named.
     */
    public void bootWithScreen(UUID serverId) {
        boot(serverId, true);
    }

    private void boot(UUID serverId, boolean screen) {
        previousNodes.put(serverId, consoleNode.moveTo(serverId, consoleNode.consoleNode()));
        bootTransient(serverId, screen);
    }

    /**
     * Boots the guest image as a transient QEMU domain with this UUID on the local libvirtd, and nothing else: for
     * tests whose panels run in other processes (they point the guest's node at {@link ConsoleNode#URI} themselves).
     * Gone once destroyed ({@link #destroyTransient}).
     */
    public static void bootTransient(UUID serverId) {
        bootTransient(serverId, false);
    }

    private static void bootTransient(UUID serverId, boolean screen) {
        String xml = "<domain type='qemu'><name>ik-live-" + serverId + "</name><uuid>" + serverId + "</uuid>"
                + "<memory unit='MiB'>192</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type>"
                + "<kernel>" + guestDir().resolve("vmlinuz") + "</kernel>"
                + "<initrd>" + guestDir().resolve("initramfs.cpio.gz") + "</initrd>"
                + "<cmdline>" + (screen ? "console=tty0 console=ttyS0" : "console=ttyS0 quiet") + "</cmdline></os>"
                + "<devices><serial type='pty'><target port='0'/></serial>"
                + "<console type='pty'><target type='serial' port='0'/></console>"
                + (screen ? "<graphics type='vnc' autoport='yes' listen='127.0.0.1'>"
                        + "<listen type='address' address='127.0.0.1'/></graphics>"
                        + "<video><model type='vga'/></video>" : "")
                + "</devices></domain>";
        withLibvirt(c -> {
            c.domainCreateXML(xml, 0).free();
            return null;
        });
    }

    /** Destroys a domain {@link #bootTransient} made; nothing when it is not running. */
    public static void destroyTransient(UUID serverId) {
        withLibvirt(c -> {
            try {
                Domain domain = c.domainLookupByUUID(serverId);
                domain.destroy();
                domain.free();
            } catch (LibvirtException e) {
                // not running
            }
            return null;
        });
    }

    /**
     * Starts a real LXC container with the server's UUID on the local libvirtd (lxc:///system): the guest image's
     * busybox root, read-only, whose init keeps a shell on the console; the server moves onto an LXC node there.
     */
    public void bootContainer(UUID serverId) {
        previousNodes.put(serverId, consoleNode.moveTo(serverId,
                consoleNode.consoleNode("console-lxc-node", "lxc", LXC_URI)));
        String xml = "<domain type='lxc'><name>ik-live-" + serverId + "</name><uuid>" + serverId + "</uuid>"
                + "<memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>exe</type><init>/sbin/init</init></os>"
                + "<devices><filesystem type='mount' accessmode='passthrough'><source dir='"
                + guestDir().resolve("lxc-rootfs") + "'/><target dir='/'/><readonly/></filesystem>"
                + "<console type='pty'/></devices></domain>";
        withLibvirt(LXC_URI, c -> {
            c.domainCreateXML(xml, 0).free();
            return null;
        });
    }

    /** Only where the local libvirtd answers lxc:///system too. */
    public static boolean containersAvailable() {
        if (!available() || !Files.exists(guestDir().resolve("lxc-rootfs/sbin/init"))) {
            return false;
        }
        try {
            return withLibvirt(LXC_URI, c -> c.isAlive());
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Destroys the guest (it was transient, so it is gone) and moves the server back to its own node. */
    public void stop(UUID serverId) {
        withLibvirt(LXC_URI, c -> {
            try {
                Domain domain = c.domainLookupByUUID(serverId);
                domain.destroy();
                domain.free();
            } catch (LibvirtException e) {
                // not a container, or not running
            }
            return null;
        });
        withLibvirt(c -> {
            try {
                Domain domain = c.domainLookupByUUID(serverId);
                domain.destroy();
                domain.free();
            } catch (LibvirtException e) {
                // not running: boot stopped early
            }
            return null;
        });
        UUID previous = previousNodes.remove(serverId);
        if (previous != null) {
            consoleNode.moveTo(serverId, previous);
        }
    }

    /** bin/build-guest-image's output: INNKEEPER_GUEST_DIR, else the cache's guest directory. */
    static Path guestDir() {
        String own = System.getenv("INNKEEPER_GUEST_DIR");
        if (own != null && !own.isBlank()) {
            return Paths.get(own);
        }
        String cache = System.getenv("INNKEEPER_CACHE");
        if (cache != null && !cache.isBlank()) {
            return Paths.get(cache).resolve("guest");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg == null || xdg.isBlank() ? Paths.get(System.getProperty("user.home"), ".cache")
                : Paths.get(xdg);
        return base.resolve("innkeeper").resolve("guest");
    }

    private interface Work<T> {
        T apply(Connect connect) throws LibvirtException;
    }

    private static <T> T withLibvirt(Work<T> work) {
        return withLibvirt(ConsoleNode.URI, work);
    }

    private static <T> T withLibvirt(String uri, Work<T> work) {
        try {
            Connect connect = new Connect(uri);
            try {
                return work.apply(connect);
            } finally {
                connect.close();
            }
        } catch (LibvirtException e) {
            throw new IllegalStateException(uri + ": " + e.getMessage(), e);
        }
    }
}
