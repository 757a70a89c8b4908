package io.innkeeper.provisioning.libvirt;

import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.LibvirtException;

import io.innkeeper.provisioning.driver.PowerState;

/** libvirt's domain states folded into the panel's few. */
final class DomainPower {

    private DomainPower() {
    }

    static PowerState of(Domain domain) throws LibvirtException {
        return of(domain.getInfo().state);
    }

    static PowerState of(DomainState state) {
        return switch (state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> PowerState.RUNNING;
            case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> PowerState.PAUSED;
            case VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTDOWN -> PowerState.SHUT_OFF;
            case VIR_DOMAIN_CRASHED -> PowerState.CRASHED;
            default -> PowerState.OTHER;
        };
    }

    /** Snapshot XML names the state the same way {@code virsh domstate} does. */
    static PowerState of(String snapshotState) {
        return switch (snapshotState == null ? "" : snapshotState) {
            case "running", "blocked" -> PowerState.RUNNING;
            case "paused", "pmsuspended" -> PowerState.PAUSED;
            case "shutoff", "shutdown", "disk-snapshot" -> PowerState.SHUT_OFF;
            case "crashed" -> PowerState.CRASHED;
            default -> PowerState.OTHER;
        };
    }
}
