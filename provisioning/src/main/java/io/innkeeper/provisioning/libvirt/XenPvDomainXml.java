package io.innkeeper.provisioning.libvirt;

import java.util.Objects;
import java.util.Optional;

import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.Boot;

/**
 * A Xen paravirtualised guest: OS type {@code linux}, its kernel either read from the disk by pygrub or given
 * directly. PV guests have no emulated serial port, so the Xen console is the one logged.
 */
record XenPvDomainXml(NodeLayout layout) implements DomainXml {

    XenPvDomainXml {
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
            if (spec.boot() instanceof Boot.Kernel kernel) {
                out.start("os");
                out.leaf("type", "arch", "x86_64", "linux");
                VmDevices.kernel(out, kernel);
                out.end();
            } else {
                out.leaf("bootloader", layout.xenBootloader());
                out.start("os");
                out.leaf("type", "arch", "x86_64", "linux");
                out.end();
            }
            DomainCommon.lifecycle(out);
            out.start("devices");
            VmDevices.disk(out, spec, layout, "xvda", "xen");
            DomainCommon.nic(out, layout.network(), spec, null);
            out.start("console").attr("type", "pty");
            out.empty("log").attr("file", layout.consoleLog(spec.id())).attr("append", "on");
            out.empty("target").attr("type", "xen").attr("port", 0);
            out.end();
            out.empty("memballoon").attr("model", "xen");
            out.end();
            out.end();
        });
    }
}
