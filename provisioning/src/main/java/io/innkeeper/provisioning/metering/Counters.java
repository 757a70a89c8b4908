package io.innkeeper.provisioning.metering;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.innkeeper.provisioning.driver.GuestStats;

/** The five metered counters of a guest; a counter the node does not report is empty. */
public record Counters(OptionalLong cpuTimeNs, OptionalLong netRxBytes, OptionalLong netTxBytes,
        OptionalLong blockReadBytes, OptionalLong blockWriteBytes) {

    public Counters {
        Objects.requireNonNull(cpuTimeNs, "cpuTimeNs");
        Objects.requireNonNull(netRxBytes, "netRxBytes");
        Objects.requireNonNull(netTxBytes, "netTxBytes");
        Objects.requireNonNull(blockReadBytes, "blockReadBytes");
        Objects.requireNonNull(blockWriteBytes, "blockWriteBytes");
    }

    public static Counters of(GuestStats stats) {
        return new Counters(stats.cpuTimeNs(), stats.netRxBytes(), stats.netTxBytes(), stats.blockReadBytes(),
                stats.blockWriteBytes());
    }

    /** From nullable values, as the database stores them. */
    public static Counters ofNullable(Long cpuTimeNs, Long netRxBytes, Long netTxBytes, Long blockReadBytes,
            Long blockWriteBytes) {
        return of(Stream.of(cpuTimeNs, netRxBytes, netTxBytes, blockReadBytes, blockWriteBytes)
                .map(v -> v == null ? OptionalLong.empty() : OptionalLong.of(v)).toList());
    }

    private static Counters of(List<OptionalLong> values) {
        return new Counters(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4));
    }

    /** The counters in a fixed order, so rules can treat them alike. */
    List<OptionalLong> values() {
        return List.of(cpuTimeNs, netRxBytes, netTxBytes, blockReadBytes, blockWriteBytes);
    }

    Counters map(UnaryOperator<OptionalLong> op) {
        return of(values().stream().map(op).toList());
    }

    /** Applies {@code op} counter by counter to this and {@code other}. */
    Counters zip(Counters other, BinaryOperator<OptionalLong> op) {
        List<OptionalLong> mine = values();
        List<OptionalLong> theirs = other.values();
        return of(IntStream.range(0, mine.size()).mapToObj(i -> op.apply(mine.get(i), theirs.get(i))).toList());
    }

    /** The counters as nullable database values, in column order. */
    List<Long> columns() {
        return values().stream().map(v -> v.isPresent() ? v.getAsLong() : null).toList();
    }
}
