package io.innkeeper.provisioning.libvirt;

import java.lang.reflect.Field;

import org.libvirt.Domain;
import org.libvirt.jna.DomainPointer;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * libvirt calls the Java bindings (0.5.4) lack, made through JNA on the same library and domain handle. Only
 * {@code virDomainShutdownFlags}: libvirt's LXC driver shuts a container down by signalling its PID 1 only when
 * asked to with {@code VIR_DOMAIN_SHUTDOWN_SIGNAL}.
 */
final class LibvirtExtras {

    private static final int VIR_DOMAIN_SHUTDOWN_SIGNAL = 1 << 3;

    interface Virt extends Library {
        int virDomainShutdownFlags(DomainPointer domain, int flags);
    }

    private static final Virt VIRT = Native.load("virt", Virt.class);
    private static final Field HANDLE = domainHandle();

    private LibvirtExtras() {
    }

    /** The domain's native handle, for the calls the bindings lack ({@link LibvirtConsole} too). */
    static DomainPointer handle(Domain domain) {
        try {
            return (DomainPointer) HANDLE.get(domain);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("libvirt bindings changed: no domain handle", e);
        }
    }

    /** Asks for a shutdown by signal; false when the driver takes no such flag (libvirt's test driver). */
    static boolean shutdownBySignal(Domain domain) {
        return VIRT.virDomainShutdownFlags(handle(domain), VIR_DOMAIN_SHUTDOWN_SIGNAL) >= 0;
    }

    private static Field domainHandle() {
        try {
            Field field = Domain.class.getDeclaredField("vdp");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("libvirt bindings changed: no Domain.vdp", e);
        }
    }
}
