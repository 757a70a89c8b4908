package io.innkeeper.provisioning.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.driver.NodeInventory;
import io.innkeeper.provisioning.driver.NodeInventory.ForeignDomain;
import io.innkeeper.provisioning.driver.NodeInventory.HostedGuest;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.reconcile.InventoryDiff.Drift;
import io.innkeeper.provisioning.reconcile.InventoryDiff.KnownGuest;

class InventoryDiffTest {

    private static final UUID OWNER = UUID.randomUUID();

    private static HostedGuest hosted(UUID id, PowerState state) {
        return new HostedGuest(id, OWNER, state);
    }

    @Test
    void correctsSettledGuestsWhosePowerStateDrifted() {
        UUID stoppedBehindOurBack = UUID.randomUUID();
        UUID startedBehindOurBack = UUID.randomUUID();
        UUID inStep = UUID.randomUUID();
        NodeInventory inventory = new NodeInventory(List.of(hosted(stoppedBehindOurBack, PowerState.SHUT_OFF),
                hosted(startedBehindOurBack, PowerState.RUNNING), hosted(inStep, PowerState.RUNNING)), List.of());

        InventoryDiff.Result diff = InventoryDiff.compare(inventory, List.of(
                new KnownGuest(stoppedBehindOurBack, GuestStatus.RUNNING, false),
                new KnownGuest(startedBehindOurBack, GuestStatus.STOPPED, false),
                new KnownGuest(inStep, GuestStatus.RUNNING, false)));

        assertThat(diff.drifts()).containsExactlyInAnyOrder(
                new Drift(stoppedBehindOurBack, GuestStatus.RUNNING, PowerState.SHUT_OFF, GuestStatus.STOPPED),
                new Drift(startedBehindOurBack, GuestStatus.STOPPED, PowerState.RUNNING, GuestStatus.RUNNING));
        assertThat(diff.missing()).isEmpty();
        assertThat(diff.unknown()).isEmpty();
    }

    @Test
    void leavesGuestsAloneWhileAJobWorksOnThem() {
        UUID rebooting = UUID.randomUUID();
        UUID queuedStart = UUID.randomUUID();
        UUID provisioning = UUID.randomUUID();
        UUID deleting = UUID.randomUUID();
        NodeInventory inventory = new NodeInventory(List.of(hosted(rebooting, PowerState.SHUT_OFF),
                hosted(queuedStart, PowerState.RUNNING)), List.of());

        InventoryDiff.Result diff = InventoryDiff.compare(inventory, List.of(
                new KnownGuest(rebooting, GuestStatus.REBOOTING, true),
                new KnownGuest(queuedStart, GuestStatus.STOPPED, true),
                new KnownGuest(provisioning, GuestStatus.PROVISIONING, true),
                new KnownGuest(deleting, GuestStatus.DELETING, false)));

        assertThat(diff.drifts()).isEmpty();
        assertThat(diff.missing()).isEmpty();
    }

    @Test
    void reportsSettledGuestsTheNodeLacksAsMissing() {
        UUID running = UUID.randomUUID();
        UUID stopped = UUID.randomUUID();
        UUID alreadyError = UUID.randomUUID();

        InventoryDiff.Result diff = InventoryDiff.compare(new NodeInventory(List.of(), List.of()), List.of(
                new KnownGuest(running, GuestStatus.RUNNING, false),
                new KnownGuest(stopped, GuestStatus.STOPPED, false),
                new KnownGuest(alreadyError, GuestStatus.ERROR, false)));

        assertThat(diff.missing()).containsExactlyInAnyOrder(running, stopped, alreadyError);
    }

    @Test
    void reportsForeignDomainsAndOurLeftoversAsUnknown() {
        ForeignDomain test = new ForeignDomain("test", UUID.randomUUID(), PowerState.RUNNING);
        UUID leftover = UUID.randomUUID();

        InventoryDiff.Result diff = InventoryDiff.compare(
                new NodeInventory(List.of(hosted(leftover, PowerState.SHUT_OFF)), List.of(test)), List.of());

        assertThat(diff.unknown()).extracting(Finding::kind).containsOnly(FindingKind.UNKNOWN_ON_HOST);
        assertThat(diff.unknown()).extracting(Finding::domainUuid).containsExactlyInAnyOrder(test.uuid(), leftover);
        assertThat(diff.unknown()).filteredOn(f -> test.uuid().equals(f.domainUuid()))
                .singleElement().satisfies(f -> {
                    assertThat(f.domainName()).isEqualTo("test");
                    assertThat(f.powerState()).isEqualTo(PowerState.RUNNING);
                });
        assertThat(diff.drifts()).isEmpty();
    }

    @Test
    void correctsOnlyBetweenRunningAndStopped() {
        assertThat(InventoryDiff.correction(GuestStatus.RUNNING, PowerState.CRASHED)).contains(GuestStatus.STOPPED);
        assertThat(InventoryDiff.correction(GuestStatus.RUNNING, PowerState.PAUSED)).isEmpty();
        assertThat(InventoryDiff.correction(GuestStatus.STOPPED, PowerState.SHUT_OFF)).isEmpty();
        assertThat(InventoryDiff.correction(GuestStatus.ERROR, PowerState.RUNNING)).isEmpty();
    }
}
