package io.innkeeper.provisioning.libvirt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

import io.innkeeper.provisioning.driver.Snapshot;

/** Snapshot calls on one domain, with the snapshot XML written by StAX and read back by XPath. */
final class LibvirtSnapshots {

    private LibvirtSnapshots() {
    }

    static Snapshot create(Domain domain, String name, String description) throws LibvirtException {
        DomainSnapshot existing = find(domain, name);
        DomainSnapshot snapshot = existing != null ? existing
                : domain.snapshotCreateXML(XmlOut.document(out -> out.start("domainsnapshot")
                        .leaf("name", name)
                        .leaf("description", description)
                        .end()));
        try {
            return read(snapshot);
        } finally {
            snapshot.free();
        }
    }

    static List<Snapshot> list(Domain domain) throws LibvirtException {
        List<Snapshot> snapshots = new ArrayList<>();
        for (String name : domain.snapshotListNames()) {
            DomainSnapshot snapshot = find(domain, name);
            if (snapshot != null) {
                try {
                    snapshots.add(read(snapshot));
                } finally {
                    snapshot.free();
                }
            }
        }
        snapshots.sort(Comparator.comparing(Snapshot::createdAt).thenComparing(Snapshot::name));
        return snapshots;
    }

    /** Reverting to a missing snapshot is {@code NotFoundOnHost}: the libvirt error says so. */
    static void revert(Domain domain, String name) throws LibvirtException {
        DomainSnapshot snapshot = domain.snapshotLookupByName(name);
        try {
            domain.revertToSnapshot(snapshot);
        } finally {
            snapshot.free();
        }
    }

    static void delete(Domain domain, String name) throws LibvirtException {
        DomainSnapshot snapshot = find(domain, name);
        if (snapshot == null) {
            return;
        }
        try {
            snapshot.delete(0);
        } finally {
            snapshot.free();
        }
    }

    private static DomainSnapshot find(Domain domain, String name) throws LibvirtException {
        try {
            return domain.snapshotLookupByName(name);
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT) {
                return null;
            }
            throw e;
        }
    }

    private static Snapshot read(DomainSnapshot snapshot) throws LibvirtException {
        XmlIn xml = XmlIn.parse(snapshot.getXMLDesc());
        String description = xml.text("/domainsnapshot/description");
        Long created = xml.number("/domainsnapshot/creationTime");
        return new Snapshot(xml.text("/domainsnapshot/name"), description == null ? "" : description,
                Instant.ofEpochSecond(created == null ? 0 : created),
                DomainPower.of(xml.text("/domainsnapshot/state")));
    }
}
