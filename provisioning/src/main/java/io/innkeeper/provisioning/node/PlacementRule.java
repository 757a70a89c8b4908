package io.innkeeper.provisioning.node;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which node a new guest goes to, given the candidates' capacity and load: the one with the most memory left after
 * the guest, among those with room for all of it; on a tie, the first candidate. Pure: {@link Placement} reads and
 * locks the candidates and asks this.
 */
public final class PlacementRule {

    /** A node that may take the guest, what it offers and what its live guests hold. */
    public record Candidate(UUID node, NodeCapacity capacity, NodeCapacity.Load load) {

        public NodeCapacity.Room room() {
            return capacity.room(load);
        }
    }

    private PlacementRule() {
    }

    /**
     * How many more guests needing {@code need} the candidates take together, up to {@code cap}: {@link #choose}
     * places each on some candidate with room, so they fill every candidate's room, and no more.
     */
    public static long howMany(List<Candidate> candidates, Placement.Need need, long cap) {
        long total = 0;
        for (Candidate candidate : candidates) {
            total += candidate.capacity().guestsThatFit(candidate.load(), need, cap - total);
            if (total >= cap) {
                return cap;
            }
        }
        return total;
    }

    /** The candidate to take a guest needing {@code need}, or empty when none has room. */
    public static Optional<Candidate> choose(List<Candidate> candidates, Placement.Need need) {
        Candidate best = null;
        long bestFree = -1;
        for (Candidate candidate : candidates) {
            NodeCapacity.Room room = candidate.room();
            long free = room.memoryMib() - need.memoryMib();
            if (room.holdsGuest(need) && free > bestFree) {
                best = candidate;
                bestFree = free;
            }
        }
        return Optional.ofNullable(best);
    }
}
