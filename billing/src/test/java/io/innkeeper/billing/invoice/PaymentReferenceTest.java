package io.innkeeper.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaymentReferenceTest {

    /** The example of ISO 11649 and of the European Payments Council's guidance. */
    @Test
    void makesTheStandardsExample() {
        assertThat(PaymentReference.of("539007547034")).isEqualTo("RF18539007547034");
        assertThat(PaymentReference.printed("RF18539007547034")).isEqualTo("RF18 5390 0754 7034");
        assertThat(PaymentReference.isValid("RF18539007547034")).isTrue();
    }

    @Test
    void checkDigitsCatchATypo() {
        assertThat(PaymentReference.isValid("RF18539007547035")).isFalse();
        assertThat(PaymentReference.isValid("RF19539007547034")).isFalse();
        assertThat(PaymentReference.isValid("RF18")).isFalse();
        assertThat(PaymentReference.isValid("rf18539007547034")).isFalse();
        assertThat(PaymentReference.parse("rf18 5390 0754 7034")).contains("RF18539007547034");
    }

    @Test
    void checkDigitsBelowTenArePadded() {
        String reference = PaymentReference.of("A1");
        assertThat(reference).matches("RF[0-9]{2}A1");
        assertThat(PaymentReference.isValid(reference)).isTrue();
        for (int i = 0; i < 200; i++) {
            assertThat(PaymentReference.isValid(PaymentReference.of("X" + i))).isTrue();
        }
    }

    @Test
    void invoiceReferenceIsMadeFromItsNumber() {
        String reference = PaymentReference.forInvoice("INV-000042");
        assertThat(reference).endsWith("INV000042");
        assertThat(PaymentReference.isValid(reference)).isTrue();
        assertThat(PaymentReference.forInvoice("inv-000042")).isEqualTo(reference);
        String longNumber = PaymentReference.forInvoice("PROVIDER-INVOICES-2026-0000000042");
        assertThat(longNumber.length()).isEqualTo(25);
        assertThat(longNumber).endsWith("0000000042");
        assertThatThrownBy(() -> PaymentReference.forInvoice("--")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsReferencesInFreeText() {
        assertThat(PaymentReference.findIn("Invoice RF18 5390 0754 7034 thanks")).containsExactly("RF18539007547034");
        assertThat(PaymentReference.findIn("pay RF18539007547034/JAN")).containsExactly("RF18539007547034");
        assertThat(PaymentReference.findIn("RF17 123 is no reference")).isEmpty();
        assertThat(PaymentReference.findIn(null)).isEmpty();
    }
}
