package io.innkeeper.provisioning.libvirt;

import java.util.Objects;
import java.util.Optional;

import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.Boot;

/**
 * A Xen fully virtualised guest: OS type {@code hvm} with Xen's hvmloader as firmware. The disk is on the Xen
 * bus, which HVM guests with PV drivers use directly and others through emulation.
 */
record XenHvmDomainXml(NodeLayout layout) implements DomainXml {

    XenHvmDomainXml {
        Objects.requireNonNull(layout, "layout");
    }

    @Override
    public Optional<NodeLayout> diskLayout() {
        return Optional.of(layout);
    }

    @Override
    public String write(GuestSpec spec) {
        return XmlOut.document(out -> {
            DomainCommon.open(out, "xen", spec);
            out.start("os");
            out.leaf("type", "arch", "x86_64", "hvm");
            out.leaf("loader", "type", "rom", layout.xenHvmLoader());
            if (VmCdrom.bootsFromCdrom(spec)) {
                VmCdrom.bootOrder(out);
            } else if (spec.boot() instanceof Boot.Kernel kernel) {
                VmDevices.kernel(out, kernel);
            } else {
                out.empty("boot").attr("dev", "hd");
            }
            out.end();
            out.start("features").empty("acpi").empty("apic").empty("pae").end();
            DomainCommon.lifecycle(out);
            out.start("devices");
            VmDevices.disk(out, spec, layout, "xvda", "xen");
            VmCdrom.drive(out, spec, layout);
            DomainCommon.nic(out, layout.network(), spec, null);
            VmDevices.serialConsole(out, spec, layout);
            VmDevices.graphics(out, layout);
            out.empty("memballoon").attr("model", "xen");
            out.end();
            out.end();
        });
    }
}
