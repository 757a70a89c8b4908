package io.innkeeper.quota;

/** What one order or resize asks for on top of what the tenant holds; a resize asks only for the difference. */
public record Need(int servers, int vcpus, long memoryMib, long diskGib, int ipv4, int snapshots, boolean running) {

    public static Need server(int vcpus, long memoryMib, long diskGib, int ipv4) {
        return new Need(1, vcpus, memoryMib, diskGib, ipv4, 0, true);
    }
}
