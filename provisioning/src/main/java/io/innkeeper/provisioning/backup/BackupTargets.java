package io.innkeeper.provisioning.backup;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Where each region keeps its backups, from {@link BackupConfig}: the region's own target, else the default. */
@ApplicationScoped
public class BackupTargets {

    @Inject
    BackupConfig config;

    public Optional<BackupTarget> forRegion(String regionCode) {
        return of(config.regions().get(regionCode)).or(() -> of(config.target()));
    }

    private static Optional<BackupTarget> of(BackupConfig.Target target) {
        return Optional.ofNullable(target).flatMap(t -> t.uri().filter(u -> !u.isBlank())
                .map(u -> new BackupTarget(u, t.dir())));
    }

    /** Every target configured, by what names it: "default" or the region code; one target named twice is listed once. */
    public java.util.Map<String, BackupTarget> all() {
        java.util.Map<String, BackupTarget> out = new java.util.TreeMap<>();
        of(config.target()).ifPresent(t -> out.put("default", t));
        config.regions().forEach((code, t) -> of(t).filter(target -> !out.containsValue(target))
                .ifPresent(target -> out.put(code, target)));
        return out;
    }

    /**
     * Why a server of this guest type in this region cannot be backed up, in the customer's words; empty when it
     * can.
     */
    public Optional<String> unavailable(String guestType, String regionCode) {
        if (io.innkeeper.provisioning.driver.GuestTypes.isContainer(guestType)) {
            return Optional.of("Backups are for virtual machines; containers cannot be backed up yet. Take a "
                    + "snapshot instead.");
        }
        if (forRegion(regionCode).isEmpty()) {
            return Optional.of("No backup storage is set up in this server's region yet. Contact support.");
        }
        return Optional.empty();
    }

    /** Scheduled backups one node works on at once. */
    public int perNode() {
        return config.perNode();
    }

    /** Backups a server keeps; one more removes the oldest. */
    public int keep() {
        return config.keep();
    }
}
