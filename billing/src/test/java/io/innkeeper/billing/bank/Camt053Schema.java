package io.innkeeper.billing.bank;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.SchemaOutputResolver;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import com.prowidesoftware.swift.model.mx.dic.BankToCustomerStatementV08;

/**
 * The camt.053.001.08 schema, taken from Prowide's ISO 20022 model, whose classes were generated from the ISO
 * 20022 XSD: element names and order, which elements are required, how often each may occur, code lists and the
 * {@code Ccy} attribute. Prowide shares its classes between message versions and so leaves them without a namespace;
 * here they are put in camt.053.001.08's, with its {@code Document} root, as in the XSD. Lexical facets (patterns,
 * lengths) are not in the model, so not checked.
 */
public final class Camt053Schema {

    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    private Camt053Schema() {
    }

    public static Schema get() {
        try {
            List<DOMResult> results = new ArrayList<>();
            JAXBContext.newInstance(BankToCustomerStatementV08.class).generateSchema(new SchemaOutputResolver() {
                @Override
                public javax.xml.transform.Result createOutput(String namespace, String file) {
                    DOMResult result = new DOMResult();
                    result.setSystemId(file);
                    results.add(result);
                    return result;
                }
            });
            if (results.size() != 1) {
                throw new IllegalStateException("expected one schema without namespace, got " + results.size());
            }
            Document generated = (Document) results.get(0).getNode();
            Element schema = generated.getDocumentElement();
            schema.setAttribute("targetNamespace", Camt053File.NAMESPACE);
            schema.setAttribute("elementFormDefault", "qualified");
            schema.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", Camt053File.NAMESPACE);
            Element root = generated.createElementNS(XS, "xs:element");
            root.setAttribute("name", "Document");
            Element type = generated.createElementNS(XS, "xs:complexType");
            Element sequence = generated.createElementNS(XS, "xs:sequence");
            Element statement = generated.createElementNS(XS, "xs:element");
            statement.setAttribute("name", "BkToCstmrStmt");
            statement.setAttribute("type", "BankToCustomerStatementV08");
            sequence.appendChild(statement);
            type.appendChild(sequence);
            root.appendChild(type);
            schema.insertBefore(root, schema.getFirstChild());
            Document copy = reparse(generated);
            return SchemaFactory.newInstance(XS).newSchema(new Source[] { new DOMSource(copy) });
        } catch (JAXBException | IOException | SAXException | ParserConfigurationException
                | javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A namespace-aware copy, so the prefixes and the default namespace set above are read as in a file. */
    private static Document reparse(Document document) throws ParserConfigurationException, IOException, SAXException,
            javax.xml.transform.TransformerException {
        var out = new java.io.StringWriter();
        javax.xml.transform.TransformerFactory.newInstance().newTransformer()
                .transform(new DOMSource(document), new javax.xml.transform.stream.StreamResult(out));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(
                out.toString())));
    }
}
