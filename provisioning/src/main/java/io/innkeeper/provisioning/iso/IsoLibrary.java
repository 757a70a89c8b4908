package io.innkeeper.provisioning.iso;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.kernel.ChangeLog;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.driver.IsoFiles;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.node.Region;

/**
 * The admin's ISO library, one per region: list, add and remove, one transaction each; and the ISOs a region
 * offers its customers. The admin puts the file in the image directory of every node of the region (as with OS
 * templates) and gives its SHA-256, which customers see to check what they boot.
 */
@ApplicationScoped
public class IsoLibrary {

    public static final int MAX_NAME = 80;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** An ISO as admins and customers see it. */
    public record IsoRow(UUID id, UUID regionId, String regionName, String name, String fileName, String sha256) {
    }

    /** An ISO to add to {@code regionId}'s library. */
    public record AddIso(UUID regionId, String name, String fileName, String sha256) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Every ISO, by region and name. */
    @Transactional
    public List<IsoRow> list() {
        return em.createQuery("select new io.innkeeper.provisioning.iso.IsoLibrary$IsoRow(i.id, r.id, r.name, "
                + "i.name, i.fileName, i.sha256) from IsoImage i join i.region r order by r.name, i.name",
                IsoRow.class).getResultList();
    }

    /** The ISOs of one region, by name: what its servers may attach. */
    @Transactional
    public List<IsoRow> inRegion(UUID regionId) {
        return em.createQuery("select new io.innkeeper.provisioning.iso.IsoLibrary$IsoRow(i.id, r.id, r.name, "
                + "i.name, i.fileName, i.sha256) from IsoImage i join i.region r where r.id = :region "
                + "order by i.name", IsoRow.class).setParameter("region", regionId).getResultList();
    }

    /** Checks every field (each problem by its field) and adds the ISO; a name or file in use is refused. */
    @Transactional
    public UUID add(ChangeLog log, AddIso command) {
        FieldErrors errors = new FieldErrors();
        Region region = command.regionId() == null ? null : Region.findById(command.regionId());
        if (region == null) {
            errors.add("regionId", "Choose a region.");
        }
        String name = command.name() == null ? "" : command.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            errors.add("name", "Give a name of 1 to " + MAX_NAME + " characters, without line breaks.");
        }
        String file = command.fileName() == null ? "" : command.fileName().strip();
        if (!IsoFiles.validName(file)) {
            errors.add("fileName", "Give the file's name in the nodes' image directory: letters, digits, dots, "
                    + "dashes and underscores, ending in .iso, at most " + IsoFiles.MAX_NAME + " characters.");
        }
        String sha = command.sha256() == null ? "" : command.sha256().strip().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha).matches()) {
            errors.add("sha256", "Give the SHA-256 as 64 hexadecimal digits.");
        }
        if (region != null && errors.isEmpty()) {
            if (IsoImage.count("region = ?1 and lower(name) = lower(?2)", region, name) > 0) {
                errors.add("name", "This region has an ISO called " + name + " already.");
            }
            if (IsoImage.count("region = ?1 and fileName = ?2", region, file) > 0) {
                errors.add("fileName", "This region has an ISO with file " + file + " already.");
            }
        }
        errors.throwIfAny();
        IsoImage iso = new IsoImage();
        iso.id = UUID.randomUUID();
        iso.region = region;
        iso.name = name;
        iso.fileName = file;
        iso.sha256 = sha;
        iso.createdAt = clock.instant();
        iso.persist();
        log.changed(new ChangeLog.Change("iso.add", "iso", iso.id, null, name, null,
                Map.of("region", region.code, "name", name, "fileName", file, "sha256", sha)));
        return iso.id;
    }

    /** Removes the ISO; refused while it is in a server's drive (eject it there first). */
    @Transactional
    public void remove(ChangeLog log, UUID id) {
        IsoImage iso = IsoImage.findById(id);
        if (iso == null) {
            throw new NotFound("ISO");
        }
        long inUse = Guest.count("cdromIso = ?1", iso);
        if (inUse > 0) {
            throw InvalidInput.of("id", iso.name + " is in the CD-ROM drive of " + inUse + " server"
                    + (inUse == 1 ? "" : "s") + "; it can be removed once ejected.");
        }
        log.changed(new ChangeLog.Change("iso.remove", "iso", iso.id, null, iso.name,
                Map.of("name", iso.name, "fileName", iso.fileName, "sha256", iso.sha256), null));
        iso.delete();
    }
}
