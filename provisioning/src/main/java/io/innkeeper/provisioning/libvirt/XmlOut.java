package io.innkeeper.provisioning.libvirt;

import java.io.StringWriter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin fluent face over StAX so the domain writers read like the XML they make; every value is escaped by the
 * writer, never concatenated.
 */
final class XmlOut {

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private final XMLStreamWriter xml;

    private XmlOut(XMLStreamWriter xml) {
        this.xml = xml;
    }

    /** What writes one document's elements. */
    @FunctionalInterface
    interface Body {
        void write(XmlOut out) throws XMLStreamException;
    }

    static String document(Body body) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter writer = OUTPUT.createXMLStreamWriter(text);
            body.write(new XmlOut(writer));
            writer.flush();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return text.toString();
    }

    XmlOut start(String element) throws XMLStreamException {
        xml.writeStartElement(element);
        return this;
    }

    /** An element in a namespace, declaring the prefix on it. */
    XmlOut start(String prefix, String element, String namespace) throws XMLStreamException {
        xml.writeStartElement(prefix, element, namespace);
        xml.writeNamespace(prefix, namespace);
        return this;
    }

    /** An element without children; attributes may follow. */
    XmlOut empty(String element) throws XMLStreamException {
        xml.writeEmptyElement(element);
        return this;
    }

    XmlOut attr(String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, value);
        return this;
    }

    XmlOut attr(String name, long value) throws XMLStreamException {
        return attr(name, Long.toString(value));
    }

    XmlOut end() throws XMLStreamException {
        xml.writeEndElement();
        return this;
    }

    /** {@code <element>value</element>}. */
    XmlOut leaf(String element, String value) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeCharacters(value);
        xml.writeEndElement();
        return this;
    }

    XmlOut leaf(String element, long value) throws XMLStreamException {
        return leaf(element, Long.toString(value));
    }

    /** A leaf only when the value is set. */
    XmlOut leafIfSet(String element, Number value) throws XMLStreamException {
        return value == null ? this : leaf(element, value.longValue());
    }

    /** A leaf with one attribute, such as {@code <memory unit='MiB'>512</memory>}. */
    XmlOut leaf(String element, String attribute, String attributeValue, String value) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeAttribute(attribute, attributeValue);
        xml.writeCharacters(value);
        xml.writeEndElement();
        return this;
    }
}
