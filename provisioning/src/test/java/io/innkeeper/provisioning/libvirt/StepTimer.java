package io.innkeeper.provisioning.libvirt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Times the named steps of a real-guest test and prints each, so a run shows where the seconds go. */
final class StepTimer {

    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    @FunctionalInterface
    interface VoidStep {
        void run() throws Exception;
    }

    private final String label;
    private final Map<String, Long> millis = new LinkedHashMap<>();

    StepTimer(String label) {
        this.label = label;
    }

    <T> T step(String name, Step<T> body) throws Exception {
        long start = System.nanoTime();
        try {
            return body.run();
        } finally {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            millis.put(name, ms);
            System.out.printf("[%s] %s: %d ms%n", label, name, ms);
        }
    }

    void step(String name, VoidStep body) throws Exception {
        step(name, () -> {
            body.run();
            return null;
        });
    }

    /** One line with every step's time, for the end of a test. */
    void print() {
        StringBuilder line = new StringBuilder("[" + label + "] timings:");
        millis.forEach((step, ms) -> line.append(' ').append(step).append('=').append(ms).append("ms"));
        System.out.println(line);
    }
}
