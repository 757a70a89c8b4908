package io.innkeeper.provisioning.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class PlacementRuleTest {

    private static final Placement.Need GUEST = new Placement.Need(2, 2_048, 20);

    @Test
    void takesTheNodeWithTheMostMemoryLeft() {
        PlacementRule.Candidate small = node(16, 8_192, 1_000, null, new NodeCapacity.Load(0, 0, 0, 0));
        PlacementRule.Candidate big = node(16, 32_768, 1_000, null, new NodeCapacity.Load(0, 16_384, 0, 4));
        PlacementRule.Candidate busy = node(16, 65_536, 1_000, null, new NodeCapacity.Load(0, 60_000, 0, 9));
        assertThat(PlacementRule.choose(List.of(small, big, busy), GUEST)).contains(big);
    }

    @Test
    void countsOvercommitInTheMemoryLeft() {
        PlacementRule.Candidate plain = node(16, 16_384, 1_000, null, NodeCapacity.Load.NONE);
        PlacementRule.Candidate overcommitted = new PlacementRule.Candidate(UUID.randomUUID(),
                new NodeCapacity(16, BigDecimal.ONE, 12_000, new BigDecimal("2"), 1_000, null), NodeCapacity.Load.NONE);
        assertThat(PlacementRule.choose(List.of(plain, overcommitted), GUEST)).contains(overcommitted);
    }

    @Test
    void skipsNodesWithoutRoomForAnyOfTheGuest() {
        PlacementRule.Candidate noCpu = node(16, 65_536, 1_000, null, new NodeCapacity.Load(15, 0, 0, 1));
        PlacementRule.Candidate noDisk = node(16, 65_536, 1_000, null, new NodeCapacity.Load(0, 0, 990, 1));
        PlacementRule.Candidate capped = node(16, 65_536, 1_000, 3, new NodeCapacity.Load(0, 0, 0, 3));
        PlacementRule.Candidate fits = node(2, 2_048, 20, null, NodeCapacity.Load.NONE);
        assertThat(PlacementRule.choose(List.of(noCpu, noDisk, capped, fits), GUEST)).contains(fits);
        assertThat(PlacementRule.choose(List.of(noCpu, noDisk, capped), GUEST)).isEmpty();
    }

    @Test
    void keepsTheFirstOfEquallyFreeNodes() {
        PlacementRule.Candidate first = node(16, 8_192, 1_000, null, NodeCapacity.Load.NONE);
        PlacementRule.Candidate second = node(16, 8_192, 1_000, null, NodeCapacity.Load.NONE);
        assertThat(PlacementRule.choose(List.of(first, second), GUEST)).contains(first);
        assertThat(PlacementRule.choose(List.of(), GUEST)).isEmpty();
    }

    private static PlacementRule.Candidate node(int vcpus, long memoryMib, long diskGib, Integer maxGuests,
            NodeCapacity.Load load) {
        return new PlacementRule.Candidate(UUID.randomUUID(),
                new NodeCapacity(vcpus, BigDecimal.ONE, memoryMib, BigDecimal.ONE, diskGib, maxGuests), load);
    }
}
