package io.innkeeper.provisioning.backup;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code innkeeper.backups.*}: where backups are kept and how many. A region's target is its entry under
 * {@code regions} (by region code), else the default {@code target}; without either the region has no backups. A
 * target is a libvirt connection to the backup host ({@code qemu+ssh://backup.example/system}; the SSH key and
 * {@code known_hosts} come from the panel's environment, in Helm from {@code existingSecret}) and a directory on it.
 */
@ConfigMapping(prefix = "innkeeper.backups")
public interface BackupConfig {

    /** The default target; without its {@code uri} regions have none but their own. */
    Target target();

    Map<String, Target> regions();

    /** Backups a customer may hold per server; taking one more removes the oldest. */
    @WithDefault("3")
    int keep();

    /** How often the reaper removes the copies of deleted and failed backups. */
    @WithDefault("30s")
    java.time.Duration reapInterval();

    /**
     * Scheduled backups one node works on at once (queued or running); a due one waits for room while its hour lasts.
     * Backups asked for by hand are not held back.
     */
    @WithDefault("2")
    int perNode();

    /** How often the scheduler looks for scheduled backups that are due. */
    @WithDefault("60s")
    java.time.Duration scheduleInterval();

    interface Target {
        Optional<String> uri();

        @WithDefault("/var/lib/innkeeper/backups")
        String dir();
    }
}
