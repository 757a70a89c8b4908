package io.innkeeper.billing.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VatIdTest {

    @ParameterizedTest
    @CsvSource({
            "DE136695976, DE, 136695976",
            "de 136 695 976, DE, 136695976",
            "FR40303265045, FR, 40303265045",
            "FR 40-303.265.045, FR, 40303265045",
            "ATU12345678, AT, U12345678",
            "NL123456789B01, NL, 123456789B01",
            "EL123456789, EL, 123456789",
            "ESX1234567R, ES, X1234567R",
            "IE1234567WA, IE, 1234567WA",
            "SE123456789701, SE, 123456789701" })
    void wellFormedIdsAreReadAndNormalised(String raw, String prefix, String number) {
        VatId id = VatId.parse(raw);
        assertThat(id.prefix()).isEqualTo(prefix);
        assertThat(id.number()).isEqualTo(number);
        assertThat(id.toString()).isEqualTo(prefix + number);
    }

    @Test
    void greeceIsGrAsACountryAndElAsAPrefix() {
        assertThat(VatId.parse("EL123456789").country()).isEqualTo("GR");
        assertThatThrownBy(() -> VatId.parse("GR123456789")).isInstanceOf(VatId.Invalid.class)
                .hasMessageContaining("EL");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DE136695975|check digits",
            "FR41303265045|check digits",
            "DE13669597|format",
            "ATX12345678|format",
            "NL123456789A01|format",
            "US123456789|not the prefix",
            "CH123456789|not the prefix",
            "DE|prefix" })
    void malformedIdsAreRefusedWithTheReason(String raw, String reason) {
        assertThatThrownBy(() -> VatId.parse(raw)).isInstanceOf(VatId.Invalid.class).hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   " })
    void blankIsRefused(String raw) {
        assertThatThrownBy(() -> VatId.parse(raw)).isInstanceOf(VatId.Invalid.class)
                .hasMessageContaining("country prefix");
    }

    @Test
    void overlongInputIsRefusedBeforeItIsRead() {
        assertThatThrownBy(() -> VatId.parse("DE" + "1".repeat(40))).isInstanceOf(VatId.Invalid.class)
                .hasMessageContaining("at most " + VatId.MAX_LENGTH);
    }

    @Test
    void germanCheckDigitFollowsIso7064() {
        // Independently published valid numbers; changing any one digit breaks the check.
        assertThat(VatId.parse("DE811907980").number()).isEqualTo("811907980");
        assertThat(VatId.parse("DE129273398").number()).isEqualTo("129273398");
        assertThatThrownBy(() -> VatId.parse("DE129273399")).isInstanceOf(VatId.Invalid.class);
    }
}
