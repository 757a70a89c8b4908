package io.innkeeper.provisioning.libvirt;

import io.innkeeper.provisioning.driver.GuestSpec;

/** The XML dialects under test, each with what a guest of that kind needs in its spec. */
enum Dialect {
    KVM,
    QEMU,
    XEN_PV,
    XEN_HVM,
    LXC,
    OPENVZ;

    static final NodeLayout LAYOUT = new NodeLayout("/var/lib/innkeeper/images", "/var/lib/innkeeper/containers",
            "/var/log/innkeeper/console", new NetworkAttachment.Network("default"), "/usr/lib/xen-4.17/bin/pygrub",
            "/usr/lib/xen-4.17/boot/hvmloader");

    DomainXml xml() {
        return switch (this) {
            case KVM -> new KvmDomainXml("kvm", LAYOUT);
            case QEMU -> new KvmDomainXml("qemu", LAYOUT);
            case XEN_PV, XEN_HVM -> new XenDomainXml(LAYOUT);
            case LXC -> new LxcDomainXml(LAYOUT);
            case OPENVZ -> new OpenVzDomainXml(LAYOUT);
        };
    }

    boolean isContainer() {
        return this == LXC || this == OPENVZ;
    }

    GuestSpec adapt(GuestSpec spec) {
        return this == XEN_PV ? spec.withVirtMode(GuestSpec.VirtMode.PV) : spec;
    }
}
