package io.innkeeper.provisioning.libvirt;

import javax.xml.stream.XMLStreamException;

import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.Limits;

/** The parts every dialect writes the same way: identity, metadata, size, CPU tuning and lifecycle. */
final class DomainCommon {

    private DomainCommon() {
    }

    /** Opens {@code <domain>} and writes identity, metadata, memory, vCPUs and CPU tuning. */
    static void open(XmlOut out, String domainType, GuestSpec spec) throws XMLStreamException {
        out.start("domain").attr("type", domainType);
        out.leaf("name", spec.domainName());
        out.leaf("uuid", spec.id().toString());
        out.leaf("title", spec.hostname());
        out.start("metadata");
        out.start("ik", "guest", DomainXml.METADATA_NS)
                .attr("owner", spec.ownerRef().toString())
                .attr("hostname", spec.hostname())
                .attr("image", spec.image())
                .end();
        out.end();
        String mib = Integer.toString(spec.memoryMib());
        out.leaf("memory", "unit", "MiB", mib);
        out.leaf("currentMemory", "unit", "MiB", mib);
        out.leaf("vcpu", spec.vcpus());
        cputune(out, spec.limits());
    }

    /** Power-off destroys, reboot restarts, a crash restarts so a customer's server comes back. */
    static void lifecycle(XmlOut out) throws XMLStreamException {
        out.leaf("on_poweroff", "destroy");
        out.leaf("on_reboot", "restart");
        out.leaf("on_crash", "restart");
    }

    private static void cputune(XmlOut out, Limits limits) throws XMLStreamException {
        if (!limits.hasCpuTune()) {
            return;
        }
        out.start("cputune");
        out.leafIfSet("shares", limits.cpuShares());
        out.leafIfSet("period", limits.cpuPeriodUs());
        out.leafIfSet("quota", limits.cpuQuotaUs());
        out.end();
    }

    /** A NIC with a MAC derived from the guest's UUID, so redefining a guest never changes its address. */
    static void nic(XmlOut out, NetworkAttachment network, GuestSpec spec, String model) throws XMLStreamException {
        switch (network) {
            case NetworkAttachment.Network n -> out.start("interface").attr("type", "network")
                    .empty("source").attr("network", n.name());
            case NetworkAttachment.Bridge b -> out.start("interface").attr("type", "bridge")
                    .empty("source").attr("bridge", b.name());
        }
        out.empty("mac").attr("address", mac(spec));
        if (model != null) {
            out.empty("model").attr("type", model);
        }
        Limits limits = spec.limits();
        if (limits.hasBandwidth()) {
            out.start("bandwidth");
            rate(out, "inbound", limits);
            rate(out, "outbound", limits);
            out.end();
        }
        out.end();
    }

    private static void rate(XmlOut out, String direction, Limits limits) throws XMLStreamException {
        out.empty(direction).attr("average", limits.netAverageKibps());
        if (limits.netPeakKibps() != null) {
            out.attr("peak", limits.netPeakKibps());
        }
    }

    /** 52:54:00 is the locally administered prefix libvirt uses itself; the rest comes from the UUID. */
    static String mac(GuestSpec spec) {
        long bits = spec.id().getLeastSignificantBits();
        return String.format("52:54:00:%02x:%02x:%02x", (bits >>> 16) & 0xff, (bits >>> 8) & 0xff, bits & 0xff);
    }
}
