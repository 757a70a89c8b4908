package io.innkeeper.billing.bank;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a camt.053.001.08 statement as a bank would, with a StAX writer: group header, one statement with its
 * account, opening and closing balances, and the entries added. Independent of the reader under test.
 */
public final class Camt053File {

    public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";

    /** One entry; {@code structured} goes to RmtInf/Strd/CdtrRefInf/Ref, {@code unstructured} to RmtInf/Ustrd. */
    public record Line(String servicerRef, String entryRef, String amount, String currency, boolean credit,
            String status, String debtor, String structured, String unstructured) {
    }

    private final String statementId;
    private final List<Line> lines = new ArrayList<>();

    public Camt053File(String statementId) {
        this.statementId = statementId;
    }

    /** A booked credit quoting {@code reference} in the structured field. */
    public Camt053File credit(String bankRef, String amount, String reference) {
        lines.add(new Line(bankRef, null, amount, "EUR", true, "BOOK", "Payer " + bankRef, reference, null));
        return this;
    }

    /** A booked credit whose reference, if any, sits in the free remittance text. */
    public Camt053File creditWithText(String bankRef, String amount, String text) {
        lines.add(new Line(bankRef, null, amount, "EUR", true, "BOOK", "Payer " + bankRef, null, text));
        return this;
    }

    public Camt053File line(Line line) {
        lines.add(line);
        return this;
    }

    public byte[] bytes() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(NAMESPACE);
            w.writeStartElement(NAMESPACE, "Document");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeStartElement("BkToCstmrStmt");
            w.writeStartElement("GrpHdr");
            text(w, "MsgId", "MSG-" + statementId);
            text(w, "CreDtTm", "2026-02-02T06:00:00+01:00");
            w.writeEndElement();
            w.writeStartElement("Stmt");
            text(w, "Id", statementId);
            text(w, "CreDtTm", "2026-02-02T06:00:00+01:00");
            w.writeStartElement("Acct");
            w.writeStartElement("Id");
            text(w, "IBAN", "DE89370400440532013000");
            w.writeEndElement();
            text(w, "Ccy", "EUR");
            w.writeEndElement();
            balance(w, "OPBD", "1000.00");
            balance(w, "CLBD", "1000.00");
            for (Line line : lines) {
                entry(w, line);
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
            return out.toByteArray();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void balance(XMLStreamWriter w, String code, String amount) throws XMLStreamException {
        w.writeStartElement("Bal");
        w.writeStartElement("Tp");
        w.writeStartElement("CdOrPrtry");
        text(w, "Cd", code);
        w.writeEndElement();
        w.writeEndElement();
        amount(w, amount, "EUR");
        text(w, "CdtDbtInd", "CRDT");
        w.writeStartElement("Dt");
        text(w, "Dt", LocalDate.of(2026, 2, 1).toString());
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void entry(XMLStreamWriter w, Line line) throws XMLStreamException {
        w.writeStartElement("Ntry");
        if (line.entryRef() != null) {
            text(w, "NtryRef", line.entryRef());
        }
        amount(w, line.amount(), line.currency());
        text(w, "CdtDbtInd", line.credit() ? "CRDT" : "DBIT");
        w.writeStartElement("Sts");
        text(w, "Cd", line.status());
        w.writeEndElement();
        w.writeStartElement("BookgDt");
        text(w, "Dt", "2026-02-01");
        w.writeEndElement();
        w.writeStartElement("ValDt");
        text(w, "Dt", "2026-02-01");
        w.writeEndElement();
        if (line.servicerRef() != null) {
            text(w, "AcctSvcrRef", line.servicerRef());
        }
        w.writeStartElement("BkTxCd");
        w.writeStartElement("Domn");
        text(w, "Cd", "PMNT");
        w.writeStartElement("Fmly");
        text(w, "Cd", line.credit() ? "RCDT" : "ICDT");
        text(w, "SubFmlyCd", "ESCT");
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        w.writeStartElement("NtryDtls");
        w.writeStartElement("TxDtls");
        w.writeStartElement("Refs");
        text(w, "EndToEndId", "NOTPROVIDED");
        w.writeEndElement();
        amount(w, line.amount(), line.currency());
        text(w, "CdtDbtInd", line.credit() ? "CRDT" : "DBIT");
        w.writeStartElement("RltdPties");
        w.writeStartElement("Dbtr");
        w.writeStartElement("Pty");
        text(w, "Nm", line.debtor());
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        if (line.structured() != null || line.unstructured() != null) {
            w.writeStartElement("RmtInf");
            if (line.unstructured() != null) {
                text(w, "Ustrd", line.unstructured());
            }
            if (line.structured() != null) {
                w.writeStartElement("Strd");
                w.writeStartElement("CdtrRefInf");
                w.writeStartElement("Tp");
                w.writeStartElement("CdOrPrtry");
                text(w, "Cd", "SCOR");
                w.writeEndElement();
                w.writeEndElement();
                text(w, "Ref", line.structured());
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void amount(XMLStreamWriter w, String amount, String currency) throws XMLStreamException {
        w.writeStartElement("Amt");
        w.writeAttribute("Ccy", currency);
        w.writeCharacters(new BigDecimal(amount).toPlainString());
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
