package io.innkeeper.billing.bank;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.innkeeper.kernel.InvalidInput;

/**
 * Reads a camt.053 statement (any version 001.02 to 001.13: the elements read here kept their names and places)
 * with a StAX reader, DTDs and external entities off. Only the elements a payment match needs are read; others are
 * skipped. Bad input is an {@link InvalidInput} on the field {@code file}.
 */
public final class CamtReader {

    /** The namespace every camt.053 version shares before its version number. */
    static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.";
    /** Most entries one statement may hold. */
    static final int MAX_ENTRIES = 10_000;

    private CamtReader() {
    }

    public static CamtStatement read(byte[] xml) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException ignored) {
            // not every StAX implementation knows the property; DTDs are off anyway
        }
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                return new Parse(reader).statement();
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw InvalidInput.of("file", "The file is not well-formed XML"
                    + (e.getLocation() == null ? "." : " (line " + e.getLocation().getLineNumber() + ")."));
        }
    }

    /** One pass over the document, keeping the path of element names from the root and the current text. */
    private static final class Parse {
        /** Longest text any element read here may hold. */
        private static final int MAX_TEXT = 500;
        private final XMLStreamReader in;
        private final Deque<String> path = new ArrayDeque<>();
        private final List<CamtStatement.Entry> entries = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private String messageId;
        private String statementId;
        private String account;
        private EntryDraft entry;

        Parse(XMLStreamReader in) {
            this.in = in;
        }

        CamtStatement statement() throws XMLStreamException {
            boolean root = true;
            while (in.hasNext()) {
                int event = in.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (root) {
                        String ns = in.getNamespaceURI();
                        if (!"Document".equals(in.getLocalName()) || ns == null || !ns.startsWith(NAMESPACE)) {
                            throw InvalidInput.of("file", "This is not an ISO 20022 camt.053 bank statement.");
                        }
                        root = false;
                    }
                    path.push(in.getLocalName());
                    text.setLength(0);
                    start();
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (text.length() + in.getTextLength() > MAX_TEXT) {
                        throw InvalidInput.of("file", "The element " + path.peek() + " holds more than " + MAX_TEXT
                                + " characters.");
                    }
                    text.append(in.getTextCharacters(), in.getTextStart(), in.getTextLength());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    end(text.toString().strip());
                    text.setLength(0);
                    path.pop();
                }
            }
            if (root) {
                throw InvalidInput.of("file", "The file is empty.");
            }
            return new CamtStatement(messageId, statementId, account, List.copyOf(entries));
        }

        private void start() {
            if (at("Stmt", "Ntry")) {
                if (entries.size() >= MAX_ENTRIES) {
                    throw InvalidInput.of("file", "A statement may hold at most " + MAX_ENTRIES + " entries.");
                }
                entry = new EntryDraft();
            } else if (entry != null && at("Ntry", "Amt")) {
                entry.currency = in.getAttributeValue(null, "Ccy");
            }
        }

        private void end(String value) {
            if (entry == null) {
                if (at("GrpHdr", "MsgId")) {
                    messageId = bounded(value, 35);
                } else if (at("Stmt", "Id")) {
                    statementId = bounded(value, 35);
                } else if ((at("Stmt", "Acct", "Id", "IBAN") || at("Stmt", "Acct", "Id", "Othr", "Id"))
                        && account == null) {
                    account = bounded(value, 70);
                }
                return;
            }
            String name = path.peek();
            if (at("Stmt", "Ntry")) {
                entries.add(entry.done(entries.size() + 1));
                entry = null;
            } else if (at("Ntry", "NtryRef")) {
                entry.entryRef = bounded(value, 35);
            } else if (at("Ntry", "AcctSvcrRef")) {
                entry.servicerRef = bounded(value, 35);
            } else if (at("Ntry", "Amt")) {
                entry.amount = amount(value);
            } else if (at("Ntry", "CdtDbtInd")) {
                entry.credit = "CRDT".equals(value);
            } else if (at("Ntry", "RvslInd")) {
                entry.reversal = "true".equals(value);
            } else if (at("Ntry", "Sts", "Cd") || at("Ntry", "Sts", "Prtry")) {
                entry.status = value;
            } else if (at("Ntry", "Sts") && entry.status == null) {
                entry.status = value;
            } else if (at("Ntry", "BookgDt", "Dt")) {
                entry.bookedOn = date(value);
            } else if (at("Ntry", "BookgDt", "DtTm")) {
                entry.bookedOn = dateTime(value);
            } else if ("Nm".equals(name) && inside("RltdPties") && inside("Dbtr") && entry.debtor == null) {
                entry.debtor = bounded(value, 140);
            } else if ("Ustrd".equals(name) && inside("RmtInf")) {
                entry.unstructured.append(entry.unstructured.isEmpty() ? "" : " ").append(value);
            } else if (at("CdtrRefInf", "Ref") && inside("Strd")) {
                entry.creditorRefs.add(bounded(value, 35));
            }
        }

        /** Whether the path ends with {@code names}, the last being the current element. */
        private boolean at(String... names) {
            var it = path.iterator();
            for (int i = names.length - 1; i >= 0; i--) {
                if (!it.hasNext() || !it.next().equals(names[i])) {
                    return false;
                }
            }
            return true;
        }

        private boolean inside(String name) {
            return path.contains(name);
        }

        private String bounded(String value, int max) {
            if (value.length() > max) {
                throw InvalidInput.of("file", "The element " + path.peek() + " is longer than " + max
                        + " characters (entry " + (entries.size() + 1) + ").");
            }
            return value;
        }

        private BigDecimal amount(String value) {
            try {
                BigDecimal amount = new BigDecimal(value);
                if (amount.signum() < 0 || amount.scale() > 5 || amount.precision() - amount.scale() > 13) {
                    throw new NumberFormatException();
                }
                return amount;
            } catch (NumberFormatException e) {
                throw InvalidInput.of("file", "Entry " + (entries.size() + 1) + " has an amount that is not one: "
                        + bounded(value, 40));
            }
        }

        private LocalDate date(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw InvalidInput.of("file", "Entry " + (entries.size() + 1) + " has a booking date that is not "
                        + "one: " + bounded(value, 40));
            }
        }

        private LocalDate dateTime(String value) {
            try {
                return OffsetDateTime.parse(value).toLocalDate();
            } catch (DateTimeParseException e) {
                return date(value.length() >= 10 ? value.substring(0, 10) : value);
            }
        }
    }

    /** An entry while it is read. */
    private static final class EntryDraft {
        String entryRef;
        String servicerRef;
        BigDecimal amount;
        String currency;
        boolean credit;
        boolean reversal;
        String status;
        LocalDate bookedOn;
        String debtor;
        final StringBuilder unstructured = new StringBuilder();
        final List<String> creditorRefs = new ArrayList<>();

        CamtStatement.Entry done(int position) {
            if (amount == null || currency == null || !currency.matches("[A-Z]{3}")) {
                throw InvalidInput.of("file", "Entry " + position + " has no amount with a currency.");
            }
            try {
                java.util.Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                throw InvalidInput.of("file", "Entry " + position + " is in " + currency + ", which is no currency.");
            }
            String reference = servicerRef != null && !servicerRef.isEmpty() ? servicerRef : entryRef;
            String text = unstructured.toString();
            return new CamtStatement.Entry(position, reference == null || reference.isEmpty() ? null : reference,
                    amount, currency, credit, reversal, status, bookedOn, debtor,
                    text.length() > 500 ? text.substring(0, 500) : text, List.copyOf(creditorRefs));
        }
    }
}
