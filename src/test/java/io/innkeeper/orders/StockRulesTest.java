package io.innkeeper.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.kernel.Codes;
import io.innkeeper.provisioning.node.NodeCapacity;
import io.innkeeper.provisioning.node.Placement;
import io.innkeeper.provisioning.node.PlacementRule;
import io.innkeeper.quota.Need;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaRules;
import io.innkeeper.quota.Usage;

/** The counts stock shows are the largest numbers the order's own rules accept, and codes never look like ids. */
class StockRulesTest {

    private static final QuotaLimits TEN = new QuotaLimits(10, 16, 32_768, 500, 10, 20, null, null, null);

    @Test
    void quotaCountIsTheLargestNumberOfOrdersTheRefusalsAccept() {
        QuotaRules.Standing standing = new QuotaRules.Standing("Your", null, TEN,
                new Usage(3, 6, 6144, 60, 3, 0, 3, 6, 6144), null, null);
        Need each = Need.server(2, 2048, 20, 1);
        long n = QuotaRules.howMany(standing, each, 1000);
        // 10 - 3 servers, (16 - 6) / 2 vCPU, (32768 - 6144) / 2048 MiB, (500 - 60) / 20 GiB, 10 - 3 addresses.
        assertThat(n).isEqualTo(5);
        assertThat(QuotaRules.refusals(standing, new Need(5, 10, 10_240, 100, 5, 0, true, true))).isEmpty();
        assertThat(QuotaRules.refusals(standing, new Need(6, 12, 12_288, 120, 6, 0, true, true))).isNotEmpty();
    }

    @Test
    void aResellersPoolAndTheNewAccountCapNarrowTheCount() {
        QuotaRules.Standing capped = new QuotaRules.Standing("Your", new QuotaLimits(1, 2, 2048, 40, 1, 1, null,
                null, null), TEN, Usage.none(), null, null);
        assertThat(QuotaRules.howMany(capped, Need.server(1, 1024, 10, 1), 1000)).isEqualTo(1);
        QuotaRules.Standing customer = new QuotaRules.Standing("Your", null, TEN, Usage.none(), TEN,
                new Usage(8, 8, 8192, 80, 8, 0, 8, 8, 8192));
        assertThat(QuotaRules.howMany(customer, Need.server(1, 1024, 10, 1), 1000)).isEqualTo(2);
        assertThat(QuotaRules.howMany(customer, Need.server(1, 1024, 10, 1), 1)).isEqualTo(1);
    }

    @Test
    void nodeRoomCountsGuestsUntilHoldsGuestSaysNo() {
        NodeCapacity node = new NodeCapacity(4, new BigDecimal("1.5"), 8192, BigDecimal.ONE, 100, 5);
        Placement.Need guest = new Placement.Need(1, 1024, 10);
        // 6 vCPU after overcommit, 8 GiB, 100 GiB and a cap of 5 guests, 1 of which is there.
        NodeCapacity.Load one = new NodeCapacity.Load(1, 1024, 10, 1);
        assertThat(node.guestsThatFit(one, guest, 1000)).isEqualTo(4);
        assertThat(node.room(new NodeCapacity.Load(5, 5120, 50, 5)).holdsGuest(guest)).isFalse();
        assertThat(node.room(new NodeCapacity.Load(4, 4096, 40, 4)).holdsGuest(guest)).isTrue();
        PlacementRule.Candidate a = new PlacementRule.Candidate(UUID.randomUUID(), node, one);
        PlacementRule.Candidate b = new PlacementRule.Candidate(UUID.randomUUID(), new NodeCapacity(2, BigDecimal.ONE,
                4096, BigDecimal.ONE, 100, null), NodeCapacity.Load.NONE);
        assertThat(PlacementRule.howMany(List.of(a, b), guest, 1000)).isEqualTo(6);
        assertThat(PlacementRule.howMany(List.of(a, b), guest, 3)).isEqualTo(3);
    }

    @Test
    void codesAreSlugsAndNeverShapedLikeAnId() {
        assertThat(Codes.valid("small-1")).isTrue();
        assertThat(Codes.valid("debian-12.4")).isTrue();
        assertThat(Codes.valid("Small")).isFalse();
        assertThat(Codes.valid("-x")).isFalse();
        assertThat(Codes.valid("a".repeat(41))).isFalse();
        assertThat(Codes.valid(UUID.randomUUID().toString())).isFalse();
        assertThat(Codes.problem("plan", "x y")).isPresent();
        assertThat(Codes.asId("small-1")).isEmpty();
        UUID id = UUID.randomUUID();
        assertThat(Codes.asId(id.toString())).contains(id);
    }
}
