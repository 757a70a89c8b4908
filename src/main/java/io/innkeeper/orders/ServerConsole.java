package io.innkeeper.orders;

import java.time.Instant;

import io.quarkus.qute.TemplateData;

import io.innkeeper.provisioning.driver.ConsoleOutput;

/**
 * What a server page shows of the server's serial console: the end of its log, cleaned for display, or why
 * there is none, and when it was read. Template data: the shared console card (tags/consoleCard) reads it untyped.
 */
@TemplateData
public record ServerConsole(State state, String text, long totalBytes, boolean truncated, Instant readAt) {

    /** How much of the log a page shows. */
    public static final int TAIL_BYTES = 16 * 1024;

    public enum State {
        /** Text to show. */
        SHOWN,
        /** The server has printed nothing visible yet, or its log does not exist yet. */
        EMPTY,
        /** The server is not on its node yet (being created) or no longer (being deleted). */
        NOT_ON_NODE,
        /** The node keeps no console log: a container, or libvirt's test driver. */
        UNSUPPORTED,
        /** The node did not answer in time or failed; trying again later may work. */
        UNREACHABLE
    }

    /**
     * A tail that starts inside a line shows from the next line on, so the first line is never half of one.
     */
    public static ServerConsole of(ConsoleOutput output, Instant readAt) {
        String text = output.text();
        if (output.truncated()) {
            int newline = text.indexOf('\n');
            text = newline >= 0 ? text.substring(newline + 1) : text;
        }
        text = ConsoleText.clean(text);
        State state = text.isBlank() ? State.EMPTY : State.SHOWN;
        return new ServerConsole(state, text, output.totalBytes(), output.truncated(), readAt);
    }

    public static ServerConsole none(State state, Instant readAt) {
        return new ServerConsole(state, "", 0, false, readAt);
    }

    public boolean shown() {
        return state == State.SHOWN;
    }

    /** The log's size for people: bytes, KiB or MiB. */
    public String size() {
        if (totalBytes < 1024) {
            return totalBytes + " bytes";
        }
        if (totalBytes < 1024 * 1024) {
            return (totalBytes + 512) / 1024 + " KiB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", totalBytes / (1024.0 * 1024));
    }
}
