package io.innkeeper.orders.console;

import java.util.Locale;
import java.util.Optional;

/**
 * The two consoles a server has: its serial line (every guest) and its screen over VNC (VMs only). A ticket is for
 * one kind, bound into the ticket itself by its prefix (the stored hash covers it), so a serial ticket never opens
 * a screen nor the other way round.
 */
public enum ConsoleKind {
    SERIAL("serial", "ikc_", "socket"),
    VNC("vnc", "ikv_", "vnc");

    private final String wire;
    private final String prefix;
    private final String socketPath;

    ConsoleKind(String wire, String prefix, String socketPath) {
        this.wire = wire;
        this.prefix = prefix;
        this.socketPath = socketPath;
    }

    /** As the API and pages write it: {@code serial} or {@code vnc}. */
    public String wire() {
        return wire;
    }

    String prefix() {
        return prefix;
    }

    /** The console socket's path on the panel for this kind of console of a server. */
    public String socketPath(java.util.UUID serverId) {
        return "/api/v1/servers/" + serverId + "/console/" + socketPath;
    }

    /** The kind a client named; empty for anything else. Nothing named is the serial console. */
    public static Optional<ConsoleKind> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of(SERIAL);
        }
        String name = raw.strip().toLowerCase(Locale.ROOT);
        for (ConsoleKind kind : values()) {
            if (kind.wire.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Whether a server on a node of {@code guestType} has this console: containers have no screen. */
    public boolean availableFor(String guestType) {
        return this == SERIAL || "kvm".equals(guestType) || "xen".equals(guestType);
    }
}
