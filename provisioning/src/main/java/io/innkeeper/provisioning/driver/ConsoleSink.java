package io.innkeeper.provisioning.driver;

/**
 * Where an open console's output goes. The driver calls it from a thread of its own, one call at a time and in
 * order, so an implementation must hand the bytes on without waiting (a slow browser must not hold up other
 * guests' consoles).
 */
public interface ConsoleSink {

    /** Bytes the guest wrote on its console, as they came: a UTF-8 character may be split across two calls. */
    void output(byte[] bytes);

    /**
     * The console ended from the node's side: the guest stopped, the node went away, or another client took the
     * console over. Called at most once, and never after {@link ConsoleStream#close()}.
     */
    void ended(String reason);
}
