package io.innkeeper.billing.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;

import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

import io.innkeeper.kernel.InvalidInput;

class Camt053FileTest {

    static final Schema SCHEMA = Camt053Schema.get();

    static void validate(byte[] xml) throws Exception {
        SCHEMA.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    @Test
    void statementWrittenByTheTestsIsValidCamt053AndReadsBack() throws Exception {
        byte[] xml = new Camt053File("STMT-1")
                .credit("BANK-1", "12.50", "RF18539007547034")
                .creditWithText("BANK-2", "3", "Invoice RF18 5390 0754 7034 thanks")
                .line(new Camt053File.Line("BANK-3", "N-3", "9.99", "EUR", false, "BOOK", "Landlord", null, null))
                .bytes();
        validate(xml);

        CamtStatement statement = CamtReader.read(xml);
        assertThat(statement.statementId()).isEqualTo("STMT-1");
        assertThat(statement.account()).isEqualTo("DE89370400440532013000");
        assertThat(statement.entries()).hasSize(3);
        CamtStatement.Entry first = statement.entries().get(0);
        assertThat(first.reference()).isEqualTo("BANK-1");
        assertThat(first.amount()).isEqualByComparingTo(new BigDecimal("12.50"));
        assertThat(first.currency()).isEqualTo("EUR");
        assertThat(first.isReceived()).isTrue();
        assertThat(first.bookedOn()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(first.debtor()).isEqualTo("Payer BANK-1");
        assertThat(first.creditorReferences()).containsExactly("RF18539007547034");
        assertThat(statement.entries().get(1).unstructured()).isEqualTo("Invoice RF18 5390 0754 7034 thanks");
        assertThat(statement.entries().get(2).isReceived()).isFalse();
        assertThat(statement.entries().get(2).reference()).isEqualTo("BANK-3");
    }

    @Test
    void schemaRejectsAnEntryWithoutItsBankTransactionCode() {
        String xml = new String(new Camt053File("S").credit("B", "1.00", "RF18539007547034").bytes(),
                StandardCharsets.UTF_8);
        String broken = xml.replaceAll("<BkTxCd>.*?</BkTxCd>", "");
        assertThat(broken).isNotEqualTo(xml);
        assertThatThrownBy(() -> validate(broken.getBytes(StandardCharsets.UTF_8))).isInstanceOf(SAXException.class);
    }

    @Test
    void readerRefusesWhatIsNotAStatement() {
        assertThatThrownBy(() -> CamtReader.read("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"/>"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("camt.053");
        assertThatThrownBy(() -> CamtReader.read("<Document".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInput.class);
        String entity = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Document xmlns=\"" + Camt053File.NAMESPACE + "\"><BkToCstmrStmt><GrpHdr><MsgId>&x;</MsgId>"
                + "</GrpHdr></BkToCstmrStmt></Document>";
        assertThatThrownBy(() -> CamtReader.read(entity.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInput.class);
    }
}
