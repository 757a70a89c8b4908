package io.innkeeper.provisioning.libvirt;

import java.io.StringWriter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.innkeeper.provisioning.driver.GuestSpec;

/**
 * Domain XML for a KVM guest, written with StAX so every value is escaped. {@code domainType} is {@code kvm}
 * where the host has hardware virtualisation and {@code qemu} (emulation) where it has not.
 */
public final class KvmDomainXml {

    /** Namespace of the panel's own metadata element inside {@code <metadata>}. */
    public static final String METADATA_NS = "https://innkeeper.io/xmlns/guest/1";

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private KvmDomainXml() {
    }

    public static String write(GuestSpec spec, String domainType, String imageDir) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
            xml.writeStartElement("domain");
            xml.writeAttribute("type", domainType);
            text(xml, "name", spec.domainName());
            text(xml, "uuid", spec.id().toString());
            text(xml, "title", spec.hostname());
            metadata(xml, spec);
            xml.writeStartElement("memory");
            xml.writeAttribute("unit", "MiB");
            xml.writeCharacters(Integer.toString(spec.memoryMib()));
            xml.writeEndElement();
            text(xml, "vcpu", Integer.toString(spec.vcpus()));
            xml.writeStartElement("os");
            xml.writeStartElement("type");
            xml.writeAttribute("arch", "x86_64");
            xml.writeCharacters("hvm");
            xml.writeEndElement();
            xml.writeEmptyElement("boot");
            xml.writeAttribute("dev", "hd");
            xml.writeEndElement();
            text(xml, "on_poweroff", "destroy");
            text(xml, "on_reboot", "restart");
            text(xml, "on_crash", "restart");
            devices(xml, spec, imageDir);
            xml.writeEndElement();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write domain XML for " + spec.id(), e);
        }
        return out.toString();
    }

    private static void metadata(XMLStreamWriter xml, GuestSpec spec) throws XMLStreamException {
        xml.writeStartElement("metadata");
        xml.writeStartElement("ik", "guest", METADATA_NS);
        xml.writeNamespace("ik", METADATA_NS);
        xml.writeAttribute("owner", spec.ownerRef().toString());
        xml.writeAttribute("hostname", spec.hostname());
        xml.writeAttribute("image", spec.image());
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void devices(XMLStreamWriter xml, GuestSpec spec, String imageDir) throws XMLStreamException {
        xml.writeStartElement("devices");
        xml.writeStartElement("disk");
        xml.writeAttribute("type", "file");
        xml.writeAttribute("device", "disk");
        xml.writeEmptyElement("driver");
        xml.writeAttribute("name", "qemu");
        xml.writeAttribute("type", "qcow2");
        xml.writeEmptyElement("source");
        xml.writeAttribute("file", imageDir + "/" + spec.id() + ".qcow2");
        xml.writeEmptyElement("target");
        xml.writeAttribute("dev", "vda");
        xml.writeAttribute("bus", "virtio");
        xml.writeEndElement();
        xml.writeStartElement("serial");
        xml.writeAttribute("type", "pty");
        xml.writeEmptyElement("target");
        xml.writeAttribute("port", "0");
        xml.writeEndElement();
        xml.writeStartElement("console");
        xml.writeAttribute("type", "pty");
        xml.writeEmptyElement("target");
        xml.writeAttribute("type", "serial");
        xml.writeAttribute("port", "0");
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String element, String value) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
