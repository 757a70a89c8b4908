package io.innkeeper.provisioning.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class NodeCapacityTest {

    private static final NodeCapacity NODE = new NodeCapacity(8, new BigDecimal("1.5"), 10_000,
            new BigDecimal("1.25"), 500, null);

    @Test
    void offersCpuAndMemoryTimesOvercommitRoundedDown() {
        NodeCapacity odd = new NodeCapacity(3, new BigDecimal("1.5"), 1_001, new BigDecimal("1.5"), 10, null);
        assertThat(odd.offeredVcpus()).isEqualTo(4);
        assertThat(odd.offeredMemoryMib()).isEqualTo(1_501);
    }

    @Test
    void roomIsWhatIsOfferedLessWhatGuestsHold() {
        NodeCapacity.Room room = NODE.room(new NodeCapacity.Load(5, 2_500, 100, 3));
        assertThat(room).isEqualTo(new NodeCapacity.Room(7, 10_000, 400, Long.MAX_VALUE));
    }

    @Test
    void guestCapLimitsGuestsNotResources() {
        NodeCapacity capped = new NodeCapacity(8, BigDecimal.ONE, 10_000, BigDecimal.ONE, 500, 2);
        NodeCapacity.Room room = capped.room(new NodeCapacity.Load(1, 1_000, 10, 2));
        Placement.Need small = new Placement.Need(1, 512, 10);
        assertThat(room.guests()).isZero();
        assertThat(room.holds(small)).as("a resize of a guest it holds").isTrue();
        assertThat(room.holdsGuest(small)).as("one more guest").isFalse();
    }

    @Test
    void aNeedFitsOnlyWhenEveryResourceFits() {
        NodeCapacity.Room room = NODE.room(NodeCapacity.Load.NONE);
        assertThat(room.holdsGuest(new Placement.Need(12, 12_500, 500))).as("exactly what is left").isTrue();
        assertThat(room.holdsGuest(new Placement.Need(13, 1, 1))).isFalse();
        assertThat(room.holdsGuest(new Placement.Need(1, 12_501, 1))).isFalse();
        assertThat(room.holdsGuest(new Placement.Need(1, 1, 501))).isFalse();
    }
}
