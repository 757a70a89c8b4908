package io.innkeeper.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaRulesTest {

    private static final QuotaLimits EIGHT_VCPUS = new QuotaLimits(10, 8, 16384, 200, 5, 10, null, null, null);

    @Test
    void saysWhichLimitHowMuchIsUsedAndWhatTheOrderNeeds() {
        Usage used = new Usage(3, 7, 4096, 60, 0, 0, 3, 7, 4096);
        assertThat(QuotaRules.refusals("Your", EIGHT_VCPUS, used, Need.server(2, 2048, 40, 0)))
                .extracting(QuotaRules.Refusal::message)
                .containsExactly("Your vCPU quota: 7 of 8 in use, this plan needs 2.");
    }

    @Test
    void fitsExactlyToTheLastUnit() {
        Usage used = new Usage(9, 6, 14336, 160, 0, 0, 9, 6, 14336);
        assertThat(QuotaRules.refusals("Your", EIGHT_VCPUS, used, Need.server(2, 2048, 40, 0))).isEmpty();
    }

    @Test
    void namesEveryBrokenLimit() {
        Usage used = new Usage(10, 8, 16384, 200, 5, 10, 10, 8, 16384);
        assertThat(QuotaRules.refusals("Your", EIGHT_VCPUS, used, Need.server(1, 512, 10, 1)))
                .extracting(QuotaRules.Refusal::resource)
                .containsExactly("servers", "vcpus", "memory", "disk", "ipv4");
    }

    @Test
    void runningLimitCountsOnlyRunningServers() {
        QuotaLimits limits = new QuotaLimits(10, 16, 32768, 500, 10, 10, null, 4, null);
        Usage manyStopped = new Usage(6, 12, 6144, 60, 0, 0, 2, 3, 1024);
        assertThat(QuotaRules.refusals("Your", limits, manyStopped, Need.server(2, 1024, 10, 0)))
                .extracting(QuotaRules.Refusal::message)
                .containsExactly("Your running vCPU quota: 3 of 4 in use, this plan needs 2.");
    }

    @Test
    void poolNeverPromisesMoreThanItHas() {
        QuotaLimits pool = new QuotaLimits(20, 16, 65536, 1000, 20, 40, null, null, null);
        QuotaLimits others = new QuotaLimits(5, 12, 8192, 100, 5, 5, null, null, null);
        assertThat(QuotaRules.poolRefusals(pool, others, new QuotaLimits(1, 4, 1024, 10, 1, 1, null, null, null)))
                .isEmpty();
        assertThat(QuotaRules.poolRefusals(pool, others, new QuotaLimits(1, 5, 1024, 10, 1, 1, null, null, null)))
                .extracting(QuotaRules.Refusal::message)
                .containsExactly("Reseller pool vCPU: 12 of 16 already given to other customers, this asks 5; at most 4 can be given.");
    }

    @Test
    void remainingNeverGoesNegative() {
        Usage over = new Usage(12, 20, 0, 0, 0, 0, 12, 20, 0);
        Usage left = QuotaRules.remaining(EIGHT_VCPUS, over);
        assertThat(left.servers()).isZero();
        assertThat(left.vcpus()).isZero();
        assertThat(left.memoryMib()).isEqualTo(16384);
    }
}
