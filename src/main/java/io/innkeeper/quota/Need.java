package io.innkeeper.quota;

/**
 * What one order, start or resize asks for on top of what the tenant holds. {@code totals} is false when the
 * resources exist already and only begin to run (starting a stopped server); a resize asks only for the difference.
 */
public record Need(int servers, int vcpus, long memoryMib, long diskGib, int ipv4, int snapshots, boolean running,
        boolean totals) {

    public static Need server(int vcpus, long memoryMib, long diskGib, int ipv4) {
        return new Need(1, vcpus, memoryMib, diskGib, ipv4, 0, true, true);
    }

    public static Need start(int vcpus, long memoryMib) {
        return new Need(1, vcpus, memoryMib, 0, 0, 0, true, false);
    }
}
