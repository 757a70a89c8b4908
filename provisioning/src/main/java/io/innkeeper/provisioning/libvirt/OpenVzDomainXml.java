package io.innkeeper.provisioning.libvirt;

import java.util.Objects;

import io.innkeeper.provisioning.driver.GuestSpec;

/**
 * An OpenVZ container made by vzctl from a cached OS template; its disk quota is the template filesystem's hard
 * limit.
 */
record OpenVzDomainXml(NodeLayout layout) implements DomainXml {

    OpenVzDomainXml {
        Objects.requireNonNull(layout, "layout");
    }

    @Override
    public String write(GuestSpec spec) {
        ContainerDomainXml.requireOwnInit(spec);
        return XmlOut.document(out -> {
            DomainCommon.open(out, "openvz", spec);
            ContainerDomainXml.osInit(out);
            DomainCommon.lifecycle(out);
            out.start("devices");
            out.start("filesystem").attr("type", "template");
            out.empty("source").attr("name", spec.image());
            out.empty("target").attr("dir", "/");
            out.leaf("space_hard_limit", "unit", "GiB", Integer.toString(spec.diskGib()));
            out.leaf("space_soft_limit", "unit", "GiB", Integer.toString(spec.diskGib()));
            out.end();
            DomainCommon.nic(out, layout.network(), spec, null);
            out.end();
            out.end();
        });
    }
}
