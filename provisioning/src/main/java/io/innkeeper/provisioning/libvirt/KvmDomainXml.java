package io.innkeeper.provisioning.libvirt;

import java.util.Objects;
import java.util.Optional;

import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.Boot;

/**
 * A KVM guest: virtio disk and NIC, logged serial console, balloon with statistics. {@code domainType} is
 * {@code kvm} where the host has hardware virtualisation and {@code qemu} (emulation) where it has not.
 */
record KvmDomainXml(String domainType, NodeLayout layout) implements DomainXml {

    KvmDomainXml {
        if (!"kvm".equals(domainType) && !"qemu".equals(domainType)) {
            throw new IllegalArgumentException("KVM domain type is kvm or qemu, not " + domainType);
        }
        Objects.requireNonNull(layout, "layout");
    }

    @Override
    public Optional<NodeLayout> diskLayout() {
        return Optional.of(layout);
    }

    @Override
    public Optional<String> consoleLogDir() {
        return Optional.of(layout.consoleLogDir());
    }

    @Override
    public boolean hasCdrom(GuestSpec spec) {
        return true;
    }

    @Override
    public String write(GuestSpec spec) {
        return XmlOut.document(out -> {
            DomainCommon.open(out, domainType, spec);
            VmDevices.seedSysinfo(out, spec);
            out.start("os");
            out.leaf("type", "arch", "x86_64", "hvm");
            if (VmCdrom.bootsFromCdrom(spec)) {
                VmCdrom.bootOrder(out);
            } else if (spec.boot() instanceof Boot.Kernel kernel) {
                VmDevices.kernel(out, kernel);
            } else {
                out.empty("boot").attr("dev", "hd");
            }
            VmDevices.seedSmbiosMode(out, spec);
            out.end();
            out.start("features").empty("acpi").empty("apic").end();
            DomainCommon.lifecycle(out);
            out.start("devices");
            VmDevices.disk(out, spec, layout, "vda", "virtio");
            VmCdrom.drive(out, spec, layout);
            DomainCommon.nic(out, layout.network(), spec, "virtio");
            VmDevices.serialConsole(out, spec, layout);
            VmDevices.graphics(out, layout);
            out.start("memballoon").attr("model", "virtio");
            out.empty("stats").attr("period", 10);
            out.end();
            out.end();
            out.end();
        });
    }
}
