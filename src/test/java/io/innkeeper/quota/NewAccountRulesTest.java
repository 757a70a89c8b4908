package io.innkeeper.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The new-account limit: a self-made account's cap until approval, said as the rule it is. */
class NewAccountRulesTest {

    private static final QuotaLimits ONE_SMALL_SERVER = new QuotaLimits(1, 1, 1024, 25, 1, 1, null, null, null);
    private static final Usage NOTHING = new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0);

    @Test
    void firstSmallServerFits() {
        assertThat(QuotaRules.newAccountRefusals(ONE_SMALL_SERVER, NOTHING, Need.server(1, 512, 10, 1))).isEmpty();
    }

    @Test
    void secondServerIsRefusedNamingTheLimit() {
        Usage one = new Usage(1, 1, 512, 10, 1, 0, 1, 1, 512);
        assertThat(QuotaRules.newAccountRefusals(ONE_SMALL_SERVER, one, Need.server(1, 512, 10, 1)))
                .extracting(QuotaRules.Refusal::message).first().asString()
                .startsWith("New accounts may have 1 server until approved (1 in use, this order needs 1).");
    }

    @Test
    void aBigPlanIsRefusedEvenAsTheFirstServer() {
        assertThat(QuotaRules.newAccountRefusals(ONE_SMALL_SERVER, NOTHING, Need.server(4, 8192, 80, 1)))
                .extracting(QuotaRules.Refusal::resource).containsExactly("vcpus", "memory", "disk");
        assertThat(QuotaRules.newAccountRefusals(ONE_SMALL_SERVER, NOTHING, Need.server(4, 1024, 10, 1)))
                .extracting(QuotaRules.Refusal::message).first().asString()
                .startsWith("New accounts may have 1 vCPU until approved");
    }

    @Test
    void startingAStoppedServerAsksForNoNewTotals() {
        Usage one = new Usage(1, 1, 512, 10, 1, 0, 0, 0, 0);
        assertThat(QuotaRules.newAccountRefusals(ONE_SMALL_SERVER, one, Need.start(1, 512))).isEmpty();
    }

    @Test
    void minTakesTheSmallerOfEachLimit() {
        QuotaLimits set = new QuotaLimits(10, 16, 32768, 500, 10, 20, null, 8, null);
        QuotaLimits capped = QuotaRules.min(set, ONE_SMALL_SERVER);
        assertThat(capped).isEqualTo(new QuotaLimits(1, 1, 1024, 25, 1, 1, null, 8, null));
    }
}
