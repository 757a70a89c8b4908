package io.innkeeper.provisioning.libvirt;

import java.util.Optional;

import io.innkeeper.provisioning.driver.GuestSpec;

/** Xen nodes run both kinds of guest; the spec's {@link GuestSpec.VirtMode} picks the dialect per guest. */
record XenDomainXml(XenPvDomainXml pv, XenHvmDomainXml hvm) implements DomainXml {

    XenDomainXml(NodeLayout layout) {
        this(new XenPvDomainXml(layout), new XenHvmDomainXml(layout));
    }

    @Override
    public Optional<NodeLayout> diskLayout() {
        return hvm.diskLayout();
    }

    @Override
    public Optional<String> consoleLogDir() {
        return Optional.of(pv.layout().consoleLogDir());
    }

    /** HVM guests boot through firmware (hvmloader) and get the IDE drive; PV guests have no firmware to boot it. */
    @Override
    public boolean hasCdrom(GuestSpec spec) {
        return spec.virtMode() == GuestSpec.VirtMode.HVM;
    }

    @Override
    public String write(GuestSpec spec) {
        return switch (spec.virtMode()) {
            case PV -> pv.write(spec);
            case HVM -> hvm.write(spec);
        };
    }
}
