package io.innkeeper.provisioning.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.innkeeper.provisioning.driver.DriverException;

/**
 * The backup targets as an admin sees them: for each, the finished backups it holds and their size, and the files
 * named as backups that no backup row owns (orphans: a copy whose row is gone, which the panel never makes in the
 * normal course, since a row exists before its copy is written and is deleted only after it). Orphans are listed,
 * and removed only when an admin asks.
 */
@ApplicationScoped
public class BackupStorage {

    private static final Pattern BACKUP_FILE = Pattern.compile(
            "backup-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.qcow2");

    @Inject
    BackupTargets targets;

    @Inject
    BackupStore store;

    /** One target: {@code error} when it did not answer (then {@code orphans} is empty). */
    public record Target(String name, BackupTarget target, long backups, long bytes, List<String> orphans,
            String error) {
    }

    public List<Target> report() {
        List<Target> out = new ArrayList<>();
        for (Map.Entry<String, BackupTarget> e : targets.all().entrySet()) {
            BackupTarget target = e.getValue();
            Object[] held = QuarkusTransaction.requiringNew().call(() -> (Object[]) GuestBackup.getEntityManager()
                    .createQuery("select count(b), coalesce(sum(b.sizeBytes), 0) from GuestBackup b where "
                            + "b.targetUri = :u and b.targetDir = :d and b.state = :s")
                    .setParameter("u", target.uri()).setParameter("d", target.dir())
                    .setParameter("s", GuestBackup.State.READY).getSingleResult());
            List<String> orphans = List.of();
            String error = null;
            try {
                orphans = orphans(target);
            } catch (DriverException ex) {
                error = ex.getMessage();
            }
            out.add(new Target(e.getKey(), target, ((Number) held[0]).longValue(), ((Number) held[1]).longValue(),
                    orphans, error));
        }
        return out;
    }

    /** Removes the target's orphans (found again now); answers how many. */
    public int removeOrphans(BackupTarget target) {
        List<String> orphans = orphans(target);
        orphans.forEach(name -> store.delete(target, name));
        return orphans.size();
    }

    private List<String> orphans(BackupTarget target) {
        List<UUID> named = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String name : store.names(target)) {
            Matcher m = BACKUP_FILE.matcher(name);
            if (m.matches()) {
                named.add(UUID.fromString(m.group(1)));
                files.add(name);
            }
        }
        if (named.isEmpty()) {
            return List.of();
        }
        List<UUID> owned = QuarkusTransaction.requiringNew().call(() -> GuestBackup.getEntityManager()
                .createQuery("select b.id from GuestBackup b where b.id in :ids", UUID.class)
                .setParameter("ids", named).getResultList());
        List<String> orphans = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            if (!owned.contains(named.get(i))) {
                orphans.add(files.get(i));
            }
        }
        return orphans;
    }
}
