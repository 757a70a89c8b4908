package io.innkeeper.provisioning.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.innkeeper.provisioning.driver.NodeInventory;
import io.innkeeper.provisioning.driver.NodeInventory.ForeignDomain;
import io.innkeeper.provisioning.driver.NodeInventory.HostedGuest;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * Compares what a node runs with the guests the database places on it. Pure: the result lists candidates, which
 * the reconciler confirms with the guest locked before it changes anything.
 */
public final class InventoryDiff {

    private InventoryDiff() {
    }

    /** A live guest (not deleted, not failed) the database places on the node. */
    public record KnownGuest(UUID id, GuestStatus status, boolean jobOpen) {

        /** Whether no job is working on the guest, so its status is the reconciler's to correct. */
        boolean settled() {
            return !status.busy() && !jobOpen;
        }
    }

    /** The database says {@code panel}, the node says {@code host}, so the guest should be {@code corrected}. */
    public record Drift(UUID guestId, GuestStatus panel, PowerState host, GuestStatus corrected) {
    }

    public record Result(List<Drift> drifts, List<UUID> missing, List<Finding> unknown) {
    }

    public static Result compare(NodeInventory inventory, List<KnownGuest> guests) {
        Map<UUID, KnownGuest> known = guests.stream().collect(Collectors.toMap(KnownGuest::id, Function.identity()));
        List<Drift> drifts = new ArrayList<>();
        List<Finding> unknown = new ArrayList<>();
        for (HostedGuest hosted : inventory.ours()) {
            KnownGuest guest = known.get(hosted.id());
            if (guest == null) {
                // Our metadata, but deleted, failed, placed elsewhere or never recorded: a leftover to report.
                unknown.add(Finding.leftover(hosted));
            } else if (guest.settled()) {
                correction(guest.status(), hosted.state())
                        .ifPresent(to -> drifts.add(new Drift(guest.id(), guest.status(), hosted.state(), to)));
            }
        }
        for (ForeignDomain domain : inventory.unknown()) {
            unknown.add(Finding.unknown(domain, "Not made by the panel; left alone."));
        }
        Set<UUID> onHost = inventory.ours().stream().map(HostedGuest::id).collect(Collectors.toSet());
        List<UUID> missing = guests.stream().filter(g -> g.settled() && !onHost.contains(g.id()))
                .map(KnownGuest::id).toList();
        return new Result(drifts, missing, unknown);
    }

    /**
     * The status a settled guest should have given the node's power state, when it differs from {@code panel}.
     * Only running and stopped are corrected; paused and other states say nothing certain.
     */
    public static Optional<GuestStatus> correction(GuestStatus panel, PowerState host) {
        if (panel == GuestStatus.RUNNING && (host == PowerState.SHUT_OFF || host == PowerState.CRASHED)) {
            return Optional.of(GuestStatus.STOPPED);
        }
        if (panel == GuestStatus.STOPPED && host == PowerState.RUNNING) {
            return Optional.of(GuestStatus.RUNNING);
        }
        return Optional.empty();
    }
}
