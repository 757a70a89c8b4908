package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    @Test
    void aTokenNamesItsLoginAndTopicOnlyUnderItsKey() {
        String token = UnsubscribeTokens.token("key-one", "olga", Topic.SERVER_READY);
        assertThat(UnsubscribeTokens.read("key-one", token))
                .contains(new UnsubscribeTokens.Subject("olga", Topic.SERVER_READY));
        assertThat(UnsubscribeTokens.read("key-two", token)).isEmpty();
        assertThat(UnsubscribeTokens.read("key-one", token.substring(0, token.length() - 2) + "xx")).isEmpty();
        assertThat(UnsubscribeTokens.read("key-one", "nonsense")).isEmpty();
        assertThat(UnsubscribeTokens.read("key-one", null)).isEmpty();
    }

    @Test
    void mandatoryTopicsHaveNoWorkingToken() {
        assertThat(UnsubscribeTokens.read("k", UnsubscribeTokens.token("k", "olga", Topic.INVOICE_ISSUED))).isEmpty();
    }
}
