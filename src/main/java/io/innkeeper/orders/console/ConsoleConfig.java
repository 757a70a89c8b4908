package io.innkeeper.orders.console;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The interactive console: how long a ticket may wait to be used and how long a console may sit idle. */
@ConfigMapping(prefix = "innkeeper.console")
public interface ConsoleConfig {

    /** From issue to use; a browser uses its ticket at once, so this is short (Proxmox allows its tickets less). */
    @WithDefault("30s")
    Duration ticketLifetime();

    /** A console with no keyboard input for this long is closed, so a forgotten tab does not hold it. */
    @WithDefault("15m")
    Duration idleTimeout();

    /**
     * A session whose replica has shown no sign of life for this long is closed by another replica's sweep (the
     * holder refreshes its sessions every sweep, a few seconds): long enough that a busy replica is not taken for a
     * dead one, short enough that the admin's list of open sessions is soon right.
     */
    @WithDefault("1m")
    Duration staleAfter();

    /**
     * How often each replica sweeps its consoles (idle ones, admins' end requests, signs of life, sessions of dead
     * replicas). Read by the scheduler as {@code ${innkeeper.console.sweep-interval}}; mapped here so it may be set.
     */
    @WithDefault("5s")
    Duration sweepInterval();
}
