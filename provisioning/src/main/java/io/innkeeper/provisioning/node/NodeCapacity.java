package io.innkeeper.provisioning.node;

import java.math.BigDecimal;

/**
 * What a node offers guests: its vCPUs and memory times their overcommit, its disk, and its guest cap (null for no
 * cap beyond its resources). The one definition of "node capacity after overcommit": placement, a resize, a move and
 * the admin's node pages all ask {@link #room}.
 */
public record NodeCapacity(int vcpus, BigDecimal cpuOvercommit, long memoryMib, BigDecimal memoryOvercommit,
        long diskGib, Integer maxGuests) {

    /** What a node's live guests hold: the sums over them, and how many there are. */
    public record Load(long vcpus, long memoryMib, long diskGib, long guests) {

        public static final Load NONE = new Load(0, 0, 0, 0);
    }

    /** What a node has left; {@code guests} is {@link Long#MAX_VALUE} for a node without a cap. */
    public record Room(long vcpus, long memoryMib, long diskGib, long guests) {

        /** Whether {@code need} more resources fit (a resize of a guest the node holds already). */
        public boolean holds(Placement.Need need) {
            return vcpus >= need.vcpus() && memoryMib >= need.memoryMib() && diskGib >= need.diskGib();
        }

        /** Whether one more guest of this size fits. */
        public boolean holdsGuest(Placement.Need guest) {
            return holds(guest) && guests >= 1;
        }
    }

    public static NodeCapacity of(Node node) {
        return new NodeCapacity(node.vcpus, node.cpuOvercommit, node.memoryMib, node.memoryOvercommit, node.diskGib,
                node.maxGuests);
    }

    /** The vCPUs guests may be given: vCPUs × CPU overcommit, rounded down. */
    public long offeredVcpus() {
        return scaled(vcpus, cpuOvercommit);
    }

    /** The memory guests may be given: memory × memory overcommit, rounded down. */
    public long offeredMemoryMib() {
        return scaled(memoryMib, memoryOvercommit);
    }

    /** What is left once {@code used} is taken. */
    public Room room(Load used) {
        return new Room(offeredVcpus() - used.vcpus(), offeredMemoryMib() - used.memoryMib(), diskGib - used.diskGib(),
                maxGuests == null ? Long.MAX_VALUE : maxGuests - used.guests());
    }

    /**
     * How many more guests of size {@code guest} fit beside {@code used}, counted up to {@code cap}: the largest n for
     * which, with n - 1 of them added, {@link Room#holdsGuest} still holds one more. Found by bisection over that
     * rule itself (room only shrinks as guests are added), so stock never disagrees with placement.
     */
    public long guestsThatFit(Load used, Placement.Need guest, long cap) {
        long low = 0;
        long high = cap;
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            long before = mid - 1;
            Load with = new Load(used.vcpus() + before * guest.vcpus(), used.memoryMib() + before * guest.memoryMib(),
                    used.diskGib() + before * guest.diskGib(), used.guests() + before);
            if (room(with).holdsGuest(guest)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static long scaled(long capacity, BigDecimal overcommit) {
        return BigDecimal.valueOf(capacity).multiply(overcommit).longValue();
    }
}
