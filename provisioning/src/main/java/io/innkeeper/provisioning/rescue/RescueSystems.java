package io.innkeeper.provisioning.rescue;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.node.Region;

/**
 * The admin's use cases for rescue systems: list, read, add, change and remove one. Every field is checked here,
 * whoever calls: a name of 1 to {@value #MAX_NAME} characters, kernel and initramfs as absolute paths on the nodes
 * (no {@code ..}), a command line of printable ASCII up to {@value #MAX_CMDLINE} characters that does not set the
 * panel's own {@value RescueBoot#HASH_PARAMETER}. One transaction each.
 */
@ApplicationScoped
public class RescueSystems {

    static final int MAX_NAME = 100;
    /** Guests that no longer run anything; a rescue system they last booted may go. */
    private static final java.util.Set<GuestStatus> GONE = java.util.EnumSet.of(GuestStatus.DELETED,
            GuestStatus.FAILED);
    static final int MAX_PATH = 255;
    static final int MAX_CMDLINE = 1000;
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*");
    private static final Pattern CMDLINE = Pattern.compile("[\\x21-\\x7e]+( [\\x21-\\x7e]+)*");

    /** A rescue system as the admin and the customer's region see it. */
    public record RescueRow(UUID id, UUID regionId, String regionCode, String name, String kernel, String initrd,
            String cmdline) {
    }

    /** A rescue system to add ({@code id} null) or the new values of rescue system {@code id}. */
    public record SaveRescueSystem(UUID id, UUID regionId, String name, String kernel, String initrd, String cmdline) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Every rescue system, by region and name. */
    @Transactional
    public List<RescueRow> list() {
        return em.createQuery("select new io.innkeeper.provisioning.rescue.RescueSystems$RescueRow(r.id, r.region.id, "
                + "r.region.code, r.name, r.kernel, r.initrd, r.cmdline) from RescueSystem r "
                + "order by r.region.code, r.name", RescueRow.class).getResultList();
    }

    @Transactional
    public RescueRow get(UUID id) {
        return row(find(id));
    }

    /** The region's rescue system customers boot: the first by name; empty when the region has none. */
    @Transactional
    public Optional<RescueRow> forRegion(UUID regionId) {
        return em.createQuery("select new io.innkeeper.provisioning.rescue.RescueSystems$RescueRow(r.id, "
                + "r.region.id, r.region.code, r.name, r.kernel, r.initrd, r.cmdline) from RescueSystem r "
                + "where r.region.id = :region order by r.name", RescueRow.class)
                .setParameter("region", regionId).setMaxResults(1).getResultStream().findFirst();
    }

    /** Adds the rescue system or changes it; every bad field is named at once. */
    @Transactional
    public UUID save(ChangeLog log, SaveRescueSystem command) {
        FieldErrors errors = new FieldErrors();
        Region region = command.regionId() == null ? null : em.find(Region.class, command.regionId());
        if (region == null) {
            errors.add("region", "Choose the region whose nodes keep these files.");
        }
        String name = strip(command.name());
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.add("name", "Give the rescue system a name of 1 to " + MAX_NAME + " characters.");
        }
        String kernel = path("kernel", command.kernel(), errors);
        String initrd = path("initrd", command.initrd(), errors);
        String cmdline = strip(command.cmdline());
        if (cmdline.length() > MAX_CMDLINE || (!cmdline.isEmpty() && !CMDLINE.matcher(cmdline).matches())) {
            errors.add("cmdline", "Use at most " + MAX_CMDLINE + " printable ASCII characters, words separated by "
                    + "single spaces.");
        } else if (cmdline.contains(RescueBoot.HASH_PARAMETER)) {
            errors.add("cmdline", "The panel sets " + RescueBoot.HASH_PARAMETER + " itself; leave it out.");
        }
        RescueSystem r = command.id() == null ? null : find(command.id());
        if (region != null && errors.isEmpty()) {
            Long same = em.createQuery("select count(r) from RescueSystem r where r.region = :region "
                    + "and r.name = :name and r.id <> :id", Long.class).setParameter("region", region)
                    .setParameter("name", name).setParameter("id", r == null ? new UUID(0, 0) : r.id)
                    .getSingleResult();
            if (same > 0) {
                errors.add("name", "This region has a rescue system called " + name + " already.");
            }
        }
        errors.throwIfAny();
        Map<String, Object> before = r == null ? null : state(r);
        if (r == null) {
            r = new RescueSystem();
            r.id = UUID.randomUUID();
            r.createdAt = clock.instant();
        }
        r.region = region;
        r.name = name;
        r.kernel = kernel;
        r.initrd = initrd;
        r.cmdline = cmdline;
        r.updatedAt = clock.instant();
        if (before == null) {
            em.persist(r);
        }
        log.changed(new ChangeLog.Change(before == null ? "rescue-system.create" : "rescue-system.edit",
                "rescue-system", r.id, null, r.name, before, state(r)));
        return r.id;
    }

    /** Removes a rescue system no guest is booted into. */
    @Transactional
    public void delete(ChangeLog log, UUID id) {
        RescueSystem r = find(id);
        long inUse = em.createQuery("select count(g) from Guest g where g.rescueSystem = :r and g.status not in "
                + ":gone", Long.class).setParameter("r", r).setParameter("gone", GONE).getSingleResult();
        if (inUse > 0) {
            throw InvalidInput.of("form", inUse + " server(s) are in this rescue system now; remove it once they "
                    + "have left rescue.");
        }
        Map<String, Object> before = state(r);
        em.createQuery("update Guest g set g.rescueSystem = null, g.rescuePasswordHash = null, g.rescueSince = null "
                + "where g.rescueSystem = :r").setParameter("r", r).executeUpdate();
        em.remove(r);
        log.changed(new ChangeLog.Change("rescue-system.delete", "rescue-system", id, null, r.name, before, null));
    }

    private static String path(String field, String raw, FieldErrors errors) {
        String p = strip(raw);
        if (p.length() > MAX_PATH || !PATH.matcher(p).matches() || p.contains("/../") || p.endsWith("/..")
                || p.contains("/./") || p.endsWith("/.")) {
            errors.add(field, "Give the file's absolute path on the region's nodes (letters, digits, dots, dashes, "
                    + "at most " + MAX_PATH + " characters), e.g. /var/lib/innkeeper/rescue/vmlinuz.");
        }
        return p;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private RescueSystem find(UUID id) {
        RescueSystem r = em.find(RescueSystem.class, id);
        if (r == null) {
            throw new NotFound("rescue system");
        }
        return r;
    }

    private static RescueRow row(RescueSystem r) {
        return new RescueRow(r.id, r.region.id, r.region.code, r.name, r.kernel, r.initrd, r.cmdline);
    }

    private static Map<String, Object> state(RescueSystem r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("region", r.region.code);
        s.put("name", r.name);
        s.put("kernel", r.kernel);
        s.put("initrd", r.initrd);
        s.put("cmdline", r.cmdline);
        return s;
    }
}
