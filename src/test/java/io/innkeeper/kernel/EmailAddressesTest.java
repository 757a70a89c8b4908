package io.innkeeper.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = { "ann@example.com", "ann.b+hosting@mail.example.co.uk", "o'brien@example.ie",
            "x@a-b.example", "ADA@EXAMPLE.COM" })
    void takesAddressesPeopleWrite(String address) {
        assertThat(EmailAddresses.problem(EmailAddresses.normalise(address))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "ann", "ann@", "@example.com", "ann@@example.com", "ann@example", "a b@example.com",
            "ann.@example.com", ".ann@example.com", "ann..b@example.com", "ann@-example.com", "ann@example.123",
            "\"ann\"@example.com", "ann@[127.0.0.1]", "ann@exa mple.com", "ann\u0000@example.com",
            "ann\u202e@example.com" })
    void refusesWhatIsNotAnAddress(String address) {
        assertThat(EmailAddresses.problem(address)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void boundsTheLengthAndKeepsTheLocalPartAsTyped() {
        assertThat(EmailAddresses.problem("a".repeat(65) + "@example.com")).isPresent();
        assertThat(EmailAddresses.problem("a@" + "b".repeat(250) + ".com")).hasValueSatisfying(
                p -> assertThat(p).contains("254"));
        assertThat(EmailAddresses.normalise("  Ann@Example.COM ")).isEqualTo("Ann@example.com");
    }
}
