package io.innkeeper.billing.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaxRulesTest {

    private static final String SELLER = "DE";

    @Test
    void aGermanConsumerPaysTheGermanRate() {
        TaxCustomer customer = TaxCustomer.consumer("DE");
        assertThat(TaxRules.treatment(SELLER, customer)).isEqualTo(TaxTreatment.DOMESTIC);
        assertThat(TaxRules.rateCountry(SELLER, customer, TaxTreatment.DOMESTIC)).isEqualTo("DE");
    }

    @Test
    void aGermanBusinessPaysTheGermanRateToo() {
        TaxCustomer customer = TaxCustomer.business("DE", VatId.parse("DE136695976"));
        assertThat(TaxRules.treatment(SELLER, customer)).isEqualTo(TaxTreatment.DOMESTIC);
    }

    @Test
    void aFrenchBusinessWithAFrenchVatIdIsReverseCharged() {
        TaxCustomer customer = TaxCustomer.business("FR", VatId.parse("FR40303265045"));
        TaxTreatment treatment = TaxRules.treatment(SELLER, customer);
        assertThat(treatment).isEqualTo(TaxTreatment.REVERSE_CHARGE);
        assertThat(treatment.charged()).isFalse();
        assertThat(treatment.note()).contains("Article 196");
    }

    @Test
    void aBusinessWhoseVatIdIsOfAnotherStateThanItsCountryIsNotReverseCharged() {
        // A VAT id proves establishment in its own state only: a business in Austria quoting a French id pays
        // Austrian VAT like a consumer there.
        TaxCustomer customer = TaxCustomer.business("AT", VatId.parse("FR40303265045"));
        assertThat(TaxRules.treatment(SELLER, customer)).isEqualTo(TaxTreatment.EU_CONSUMER);
        assertThat(TaxRules.rateCountry(SELLER, customer, TaxTreatment.EU_CONSUMER)).isEqualTo("AT");
    }

    @Test
    void aFrenchConsumerPaysTheFrenchRate() {
        TaxCustomer customer = TaxCustomer.consumer("FR");
        assertThat(TaxRules.treatment(SELLER, customer)).isEqualTo(TaxTreatment.EU_CONSUMER);
        assertThat(TaxRules.rateCountry(SELLER, customer, TaxTreatment.EU_CONSUMER)).isEqualTo("FR");
    }

    @Test
    void aFrenchBusinessWithoutVatIdPaysLikeAConsumer() {
        assertThat(TaxRules.treatment(SELLER, new TaxCustomer("FR", true, null)))
                .isEqualTo(TaxTreatment.EU_CONSUMER);
    }

    @Test
    void customersOutsideTheEuPayNoEuVat() {
        assertThat(TaxRules.treatment(SELLER, TaxCustomer.consumer("US"))).isEqualTo(TaxTreatment.OUTSIDE_EU);
        assertThat(TaxRules.treatment(SELLER, TaxCustomer.consumer("CH"))).isEqualTo(TaxTreatment.OUTSIDE_EU);
    }

    @Test
    void aCustomerOfUnknownCountryPaysTheSellersRate() {
        TaxCustomer customer = TaxCustomer.consumer(null);
        assertThat(TaxRules.treatment(SELLER, customer)).isEqualTo(TaxTreatment.DOMESTIC);
        assertThat(TaxRules.rateCountry(SELLER, customer, TaxTreatment.DOMESTIC)).isEqualTo("DE");
    }

    @Test
    void noSellerCountryChargesNothing() {
        assertThat(TaxRules.treatment(null, TaxCustomer.consumer("DE"))).isEqualTo(TaxTreatment.NONE);
        assertThat(TaxRules.treatment(" ", TaxCustomer.consumer("DE"))).isEqualTo(TaxTreatment.NONE);
    }

    @Test
    void aSellerOutsideTheEuIsAConfigurationError() {
        assertThatThrownBy(() -> TaxRules.treatment("US", TaxCustomer.consumer("DE")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("US");
    }

    @Test
    void onlyBusinessesHaveVatIds() {
        assertThatThrownBy(() -> new TaxCustomer("FR", false, VatId.parse("FR40303265045")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
