package io.innkeeper.provisioning.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.ToLongFunction;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainBlockStats;
import org.libvirt.DomainInterfaceStats;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

import io.innkeeper.provisioning.driver.GuestStats;
import io.innkeeper.provisioning.driver.NodeInventory;
import io.innkeeper.provisioning.driver.NodeInventory.ForeignDomain;
import io.innkeeper.provisioning.driver.NodeInventory.HostedGuest;

/**
 * Node-wide reads for the reconciler and metering. A domain that disappears while the node is being listed is
 * skipped, not an error.
 */
final class LibvirtInventory {

    private LibvirtInventory() {
    }

    static NodeInventory list(Connect connect) throws LibvirtException {
        List<HostedGuest> ours = new ArrayList<>();
        List<ForeignDomain> unknown = new ArrayList<>();
        for (Domain domain : connect.listAllDomains(0)) {
            try {
                UUID uuid = UUID.fromString(domain.getUUIDString());
                Optional<UUID> owner = GuestMetadata.owner(XmlIn.parse(domain.getXMLDesc(0)));
                if (owner.isPresent()) {
                    ours.add(new HostedGuest(uuid, owner.get(), DomainPower.of(domain)));
                } else {
                    unknown.add(new ForeignDomain(domain.getName(), uuid, DomainPower.of(domain)));
                }
            } catch (LibvirtException e) {
                rethrowUnlessGone(e);
            } finally {
                domain.free();
            }
        }
        return new NodeInventory(ours, unknown);
    }

    /**
     * Counters of our running guests. Interface and block counters are summed over the guest's devices; when
     * the node refuses any of them (some drivers have no such statistics) the sum is absent rather than partial.
     */
    static List<GuestStats> stats(Connect connect) throws LibvirtException {
        List<GuestStats> stats = new ArrayList<>();
        for (Domain domain : connect.listAllDomains(0)) {
            try {
                if (domain.isActive() != 0) {
                    XmlIn xml = XmlIn.parse(domain.getXMLDesc(0));
                    if (GuestMetadata.owner(xml).isPresent()) {
                        stats.add(statsOf(domain, LiveDomain.of(xml)));
                    }
                }
            } catch (LibvirtException e) {
                rethrowUnlessGone(e);
            } finally {
                domain.free();
            }
        }
        return stats;
    }

    private static GuestStats statsOf(Domain domain, LiveDomain live) throws LibvirtException {
        long cpuTime = domain.getInfo().cpuTime;
        List<DomainInterfaceStats> nics = new ArrayList<>();
        for (String nic : live.nics()) {
            nics.add(optional(() -> domain.interfaceStats(nic)));
        }
        List<DomainBlockStats> disks = new ArrayList<>();
        for (String disk : live.disks()) {
            disks.add(optional(() -> domain.blockStats(disk)));
        }
        return new GuestStats(UUID.fromString(domain.getUUIDString()),
                cpuTime > 0 ? OptionalLong.of(cpuTime) : OptionalLong.empty(),
                sum(nics, n -> n.rx_bytes), sum(nics, n -> n.tx_bytes),
                sum(disks, d -> d.rd_bytes), sum(disks, d -> d.wr_bytes));
    }

    @FunctionalInterface
    private interface Read<T> {
        T read() throws LibvirtException;
    }

    /** {@code null} when the node has no such statistic; a lost connection still fails the call. */
    private static <T> T optional(Read<T> read) throws LibvirtException {
        try {
            return read.read();
        } catch (LibvirtException e) {
            if (LibvirtErrors.isConnectionFailure(e)) {
                throw e;
            }
            return null;
        }
    }

    /** libvirt reports -1 for a counter it does not keep. */
    private static <T> OptionalLong sum(List<T> devices, ToLongFunction<T> counter) {
        if (devices.isEmpty()) {
            return OptionalLong.empty();
        }
        long total = 0;
        for (T device : devices) {
            long value = device == null ? -1 : counter.applyAsLong(device);
            if (value < 0) {
                return OptionalLong.empty();
            }
            total += value;
        }
        return OptionalLong.of(total);
    }

    private static void rethrowUnlessGone(LibvirtException e) throws LibvirtException {
        if (e.getError() == null || e.getError().getCode() != ErrorNumber.VIR_ERR_NO_DOMAIN) {
            throw e;
        }
    }
}
