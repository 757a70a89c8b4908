package io.innkeeper.provisioning.libvirt;

import java.util.UUID;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.LibvirtException;

import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.HypervisorDriver;
import io.innkeeper.provisioning.driver.PowerState;

/** A driver for one libvirt node; guests are found by the panel's UUID, never by name. */
final class LibvirtDriver implements HypervisorDriver {

    private final String uri;
    private final LibvirtConnections connections;
    private final String domainType;
    private final String imageDir;

    LibvirtDriver(String uri, LibvirtConnections connections, String domainType, String imageDir) {
        this.uri = uri;
        this.connections = connections;
        this.domainType = domainType;
        this.imageDir = imageDir;
    }

    @Override
    public PowerState ensureRunning(GuestSpec spec) {
        return connections.with(uri, connect -> {
            Domain domain = lookup(connect, spec.id());
            if (domain == null) {
                domain = connect.domainDefineXML(KvmDomainXml.write(spec, domainType, imageDir));
            }
            try {
                if (domain.isActive() == 0) {
                    domain.create();
                }
                return powerOf(domain);
            } finally {
                domain.free();
            }
        });
    }

    @Override
    public PowerState powerState(UUID guestId) {
        return connections.with(uri, connect -> {
            Domain domain = connect.domainLookupByUUID(guestId);
            try {
                return powerOf(domain);
            } finally {
                domain.free();
            }
        });
    }

    @Override
    public void reboot(UUID guestId) {
        connections.with(uri, connect -> {
            Domain domain = connect.domainLookupByUUID(guestId);
            try {
                if (domain.isActive() == 0) {
                    throw new DriverException.Conflict("guest " + guestId + " is not running", null);
                }
                domain.reboot(0);
                return null;
            } finally {
                domain.free();
            }
        });
    }

    @Override
    public void remove(UUID guestId) {
        connections.with(uri, connect -> {
            Domain domain = lookup(connect, guestId);
            if (domain == null) {
                return null;
            }
            try {
                if (domain.isActive() != 0) {
                    domain.destroy();
                }
                domain.undefine();
                return null;
            } finally {
                domain.free();
            }
        });
    }

    private static Domain lookup(Connect connect, UUID id) throws LibvirtException {
        try {
            return connect.domainLookupByUUID(id);
        } catch (LibvirtException e) {
            if (LibvirtErrors.translate("", e) instanceof DriverException.NotFoundOnHost) {
                return null;
            }
            throw e;
        }
    }

    private static PowerState powerOf(Domain domain) throws LibvirtException {
        DomainState state = domain.getInfo().state;
        return switch (state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> PowerState.RUNNING;
            case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> PowerState.PAUSED;
            case VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTDOWN -> PowerState.SHUT_OFF;
            case VIR_DOMAIN_CRASHED -> PowerState.CRASHED;
            default -> PowerState.OTHER;
        };
    }
}
