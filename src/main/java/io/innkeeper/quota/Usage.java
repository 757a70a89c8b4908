package io.innkeeper.quota;

/** What a tenant (or a reseller's whole pool) holds now: all live servers, and those that run or will run. */
public record Usage(long servers, long vcpus, long memoryMib, long diskGib, long ipv4, long snapshots,
        long runningServers, long runningVcpus, long runningMemoryMib) {

    public static Usage none() {
        return new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
