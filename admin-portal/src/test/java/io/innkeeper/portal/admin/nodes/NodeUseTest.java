package io.innkeeper.portal.admin.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.node.NodeCapacity;
import io.innkeeper.provisioning.node.NodeState;
import io.innkeeper.provisioning.node.Nodes;

class NodeUseTest {

    @Test
    void showsCapacityAfterOvercommitBesideWhatGuestsHold() {
        NodeUse use = NodeUse.of(row(NodeState.ACTIVE, 3));
        assertThat(use.vcpus()).isEqualTo(12);
        assertThat(use.memoryMib()).isEqualTo(12_288);
        assertThat(use.diskGib()).isEqualTo(100);
        assertThat(use.vcpusUsed()).isEqualTo(5);
        assertThat(use.memoryUsedMib()).isEqualTo(4_096);
        assertThat(use.guests()).isEqualTo(2);
        assertThat(use.maxGuests()).isEqualTo(3L);
        assertThat(use.inMaintenance()).isFalse();
    }

    @Test
    void saysWhenTheNodeIsInMaintenanceAndWhenItHasNoCap() {
        NodeUse use = NodeUse.of(row(NodeState.MAINTENANCE, null));
        assertThat(use.inMaintenance()).isTrue();
        assertThat(use.state()).isEqualTo("MAINTENANCE");
        assertThat(use.maxGuests()).isNull();
    }

    private static Nodes.NodeRow row(NodeState state, Integer maxGuests) {
        return new Nodes.NodeRow(UUID.randomUUID(), "n1", UUID.randomUUID(), "Region", "kvm", "test:///default",
                state, new NodeCapacity(8, new BigDecimal("1.5"), 8_192, new BigDecimal("1.5"), 100, maxGuests),
                new NodeCapacity.Load(5, 4_096, 40, 2));
    }
}
