package io.innkeeper.provisioning;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.provisioning.cloudinit.GuestAccess;
import io.innkeeper.provisioning.cloudinit.GuestAccessRow;
import io.innkeeper.provisioning.driver.ConsoleOutput;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.HypervisorDriver;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.backup.BackupSchedule;
import io.innkeeper.provisioning.backup.BackupTarget;
import io.innkeeper.provisioning.backup.GuestBackup;
import io.innkeeper.provisioning.guest.GuestSnapshot;
import io.innkeeper.provisioning.job.JobRunner;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.provisioning.ip.IpPools;
import io.innkeeper.provisioning.job.JobKind;
import io.innkeeper.provisioning.job.JobQueue;
import io.innkeeper.provisioning.node.NoCapacity;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.node.Placement;
import io.innkeeper.provisioning.node.PlacementRule;
import io.innkeeper.provisioning.template.OsTemplate;

/**
 * What the rest of the panel asks of provisioning. Each method joins the caller's transaction: the guest
 * record, the node's room and the job are written together with the caller's own records, or not at all.
 */
@ApplicationScoped
public class ProvisioningService {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    VncProxy vncProxy;

    @Inject
    Placement placement;

    @Inject
    JobQueue jobs;

    @Inject
    IpPools ipPools;

    @Inject
    HypervisorDrivers drivers;

    @Inject
    ProvisioningConfig config;

    /** A new guest to place and create; {@code restoreFrom}, if not null, is the backup its disk is made from. */
    public record NewGuest(UUID id, UUID ownerRef, String hostname, UUID regionId, String guestType,
            OsTemplate template, int vcpus, int memoryMib, int diskGib, GuestSpec.Limits limits, boolean publicIpv4,
            UUID restoreFrom) {

        public NewGuest(UUID id, UUID ownerRef, String hostname, UUID regionId, String guestType,
                OsTemplate template, int vcpus, int memoryMib, int diskGib, GuestSpec.Limits limits,
                boolean publicIpv4) {
            this(id, ownerRef, hostname, regionId, guestType, template, vcpus, memoryMib, diskGib, limits, publicIpv4,
                    null);
        }
    }

    @Transactional(TxType.MANDATORY)
    public Guest create(NewGuest request) {
        Node node = placement.choose(request.regionId(), request.guestType(),
                new Placement.Need(request.vcpus(), request.memoryMib(), request.diskGib()));
        Guest guest = new Guest();
        guest.id = request.id();
        guest.node = node;
        guest.ownerRef = request.ownerRef();
        guest.hostname = request.hostname();
        guest.vcpus = request.vcpus();
        guest.memoryMib = request.memoryMib();
        guest.diskGib = request.diskGib();
        guest.template = request.template();
        guest.setLimits(request.limits());
        guest.status = GuestStatus.PROVISIONING;
        guest.createdAt = clock.instant();
        guest.updatedAt = guest.createdAt;
        em.persist(guest);
        em.flush();
        if (request.publicIpv4()) {
            ipPools.takeIpv4(request.regionId(), guest.id);
        }
        ipPools.takeIpv6(request.regionId(), guest.id);
        if (request.restoreFrom() == null) {
            jobs.enqueue(guest.id, JobKind.CREATE);
        } else {
            jobs.enqueue(guest.id, JobKind.CREATE, request.restoreFrom().toString());
        }
        return guest;
    }

    /**
     * A dry run of {@link #create}: the name of the node a guest of this size would be placed on now, locking and
     * writing nothing.
     *
     * @throws NoCapacity when no node has room, as {@link #create} would
     * @throws io.innkeeper.provisioning.ip.NoFreeAddress when a public IPv4 address is wanted and none is free
     */
    public String wouldPlace(UUID regionId, String guestType, int vcpus, int memoryMib, int diskGib,
            boolean publicIpv4) {
        Node node = placement.wouldChoose(regionId, guestType, new Placement.Need(vcpus, memoryMib, diskGib));
        if (publicIpv4 && !ipPools.hasFreeIpv4(regionId)) {
            throw new io.innkeeper.provisioning.ip.NoFreeAddress("No IPv4 address is free in this region right now.");
        }
        return node.name;
    }

    /**
     * The platform's room for new guests, read at one moment: each active node as {@link Placement} weighs it, by
     * region and guest type, and the IPv4 addresses free in each region that has an IPv4 pool.
     */
    public record Capacity(Map<Placement.Pool, List<PlacementRule.Candidate>> pools, Map<UUID, Long> freeIpv4) {

        public Capacity {
            pools = Map.copyOf(pools);
            freeIpv4 = Map.copyOf(freeIpv4);
        }

        /** Whether servers in the region get a public IPv4 address, as {@link #hasIpv4} says. */
        public boolean needsIpv4(UUID regionId) {
            return freeIpv4.containsKey(regionId);
        }

        /**
         * How many more guests of this size the region takes now, up to {@code cap}, as any of {@code guestTypes}
         * (nodes run one type each, so their room adds up); no more than its free IPv4 addresses where it gives
         * each guest one.
         */
        public long howMany(UUID regionId, List<String> guestTypes, Placement.Need need, long cap) {
            long fit = 0;
            for (String type : guestTypes) {
                fit += PlacementRule.howMany(pools.getOrDefault(new Placement.Pool(regionId, type), List.of()), need,
                        cap - fit);
            }
            Long addresses = freeIpv4.get(regionId);
            return addresses == null ? fit : Math.min(fit, addresses);
        }
    }

    /** {@link Capacity} now; nothing is locked, so it may be stale by the time an order comes. */
    @Transactional
    public Capacity capacity() {
        return new Capacity(placement.candidatesEverywhere(), ipPools.freeIpv4ByRegion());
    }

    /** Whether servers in the region get a public IPv4 address (and so need one of their quota). */
    public boolean hasIpv4(UUID regionId) {
        return em.createQuery("select count(p) from IpPool p where p.region.id = :r and p.family = 4", Long.class)
                .setParameter("r", regionId).getSingleResult() > 0;
    }

    public List<Address> addresses(UUID guestId) {
        return ipPools.addressesOf(guestId);
    }

    /** Queues a reboot; only a running guest can be rebooted. */
    @Transactional(TxType.MANDATORY)
    public void reboot(UUID guestId) {
        transition(guestId, GuestStatus.RUNNING, GuestStatus.REBOOTING, JobKind.REBOOT, "rebooted");
    }

    /** Queues a start of a stopped guest. */
    @Transactional(TxType.MANDATORY)
    public void start(UUID guestId) {
        transition(guestId, GuestStatus.STOPPED, GuestStatus.STARTING, JobKind.START, "started");
    }

    /** Queues a clean shutdown, forced after the shutdown timeout. */
    @Transactional(TxType.MANDATORY)
    public void stop(UUID guestId) {
        transition(guestId, GuestStatus.RUNNING, GuestStatus.STOPPING, JobKind.STOP, "shut down");
    }

    /** Queues an immediate power-off, like pulling the plug. */
    @Transactional(TxType.MANDATORY)
    public void powerOff(UUID guestId) {
        transition(guestId, GuestStatus.RUNNING, GuestStatus.STOPPING, JobKind.POWER_OFF, "powered off");
    }

    /**
     * Queues a power-off for every running guest of the given owners (a suspension). Each guest is locked and
     * checked afresh, so one that a job moved on since the query is skipped rather than refused.
     *
     * @return the guests whose power-off was queued
     */
    @Transactional(TxType.MANDATORY)
    public List<UUID> powerOffRunning(java.util.Collection<UUID> ownerRefs) {
        if (ownerRefs.isEmpty()) {
            return List.of();
        }
        List<UUID> running = em.createQuery("select g.id from Guest g where g.ownerRef in :owners "
                + "and g.status = :running order by g.id", UUID.class)
                .setParameter("owners", ownerRefs)
                .setParameter("running", GuestStatus.RUNNING)
                .getResultList();
        List<UUID> stopped = new java.util.ArrayList<>();
        for (UUID id : running) {
            Guest guest = lock(id);
            if (guest.status == GuestStatus.RUNNING) {
                guest.status = GuestStatus.STOPPING;
                guest.updatedAt = clock.instant();
                jobs.enqueue(id, JobKind.POWER_OFF);
                stopped.add(id);
            }
        }
        return List.copyOf(stopped);
    }

    /**
     * Gives the guest a new size and limits and queues the job that applies them. The node must have room for the
     * growth; disks only grow, because shrinking one would destroy data.
     */
    @Transactional(TxType.MANDATORY)
    public void resize(UUID guestId, int vcpus, int memoryMib, int diskGib, GuestSpec.Limits limits) {
        Guest guest = lockIdle(guestId, "resized");
        if (diskGib < guest.diskGib) {
            throw new IllegalStateException("A disk cannot shrink: this server has " + guest.diskGib
                    + " GiB and the new plan " + diskGib + " GiB.");
        }
        Placement.Need growth = new Placement.Need(Math.max(0, vcpus - guest.vcpus),
                Math.max(0, memoryMib - guest.memoryMib), diskGib - guest.diskGib);
        if (!placement.fits(guest.node.id, growth)) {
            throw new NoCapacity("The host of this server has no room for the larger plan right now.");
        }
        guest.vcpus = vcpus;
        guest.memoryMib = memoryMib;
        guest.diskGib = diskGib;
        guest.setLimits(limits);
        guest.status = GuestStatus.RESIZING;
        guest.updatedAt = clock.instant();
        jobs.enqueue(guestId, JobKind.RESIZE);
    }

    /** Queues a reinstall from {@code template}; the server keeps its addresses. */
    @Transactional(TxType.MANDATORY)
    public void reinstall(UUID guestId, OsTemplate template) {
        Guest guest = lockIdle(guestId, "reinstalled");
        if (!template.supports(guest.node.guestType)) {
            throw new IllegalStateException(template.name + " does not run as " + guest.node.guestType + ".");
        }
        guest.template = template;
        guest.status = GuestStatus.REINSTALLING;
        guest.updatedAt = clock.instant();
        jobs.enqueue(guestId, JobKind.REINSTALL);
    }

    /**
     * Records and queues a backup of the guest's disk to {@code target} (its region's backup storage); a running
     * guest keeps running. Refused, as snapshots are, unless the guest is running or stopped and not in rescue.
     */
    @Transactional(TxType.MANDATORY)
    public GuestBackup backup(UUID guestId, BackupTarget target, GuestBackup.Trigger trigger) {
        Guest guest = lockIdle(guestId, "backed up");
        GuestBackup backup = new GuestBackup();
        backup.id = UUID.randomUUID();
        backup.guestId = guestId;
        backup.trigger = trigger;
        backup.state = GuestBackup.State.CREATING;
        backup.targetUri = target.uri();
        backup.targetDir = target.dir();
        backup.createdAt = clock.instant();
        backup.persist();
        guest.status = GuestStatus.BACKING_UP;
        guest.updatedAt = clock.instant();
        jobs.enqueue(guestId, JobKind.BACKUP_CREATE, backup.id.toString());
        return backup;
    }

    /**
     * Queues a restore in place: the guest's disk is replaced by the finished backup's copy; the guest keeps its
     * addresses and settings, and starts again if it was running.
     */
    @Transactional(TxType.MANDATORY)
    public void restoreBackup(UUID guestId, UUID backupId) {
        Guest guest = lockIdle(guestId, "restored");
        GuestBackup backup = readyBackup(guestId, backupId);
        boolean running = guest.status == GuestStatus.RUNNING;
        guest.status = GuestStatus.RESTORING;
        guest.updatedAt = clock.instant();
        jobs.enqueue(guestId, JobKind.BACKUP_RESTORE, backup.id + (running ? ":" + JobRunner.RESTORE_RUNNING : ""));
    }

    /** Deletes a finished backup: it leaves the list at once, and the reaper removes its copy from the target. */
    @Transactional(TxType.MANDATORY)
    public void deleteBackup(UUID guestId, UUID backupId) {
        readyBackup(guestId, backupId).state = GuestBackup.State.DELETING;
    }

    /** Sets the guest's automatic backups: every day or week, from the hour (UTC) given. */
    @Transactional(TxType.MANDATORY)
    public BackupSchedule scheduleBackups(UUID guestId, BackupSchedule.Every every, int hourUtc) {
        lock(guestId);
        BackupSchedule schedule = BackupSchedule.findById(guestId);
        if (schedule == null) {
            schedule = new BackupSchedule();
            schedule.guestId = guestId;
            schedule.createdAt = clock.instant();
            schedule.every = every;
            schedule.hourUtc = hourUtc;
            schedule.persist();
        }
        schedule.every = every;
        schedule.hourUtc = hourUtc;
        return schedule;
    }

    /** Stops the guest's automatic backups; the backups taken stay. */
    @Transactional(TxType.MANDATORY)
    public void unscheduleBackups(UUID guestId) {
        BackupSchedule.deleteById(guestId);
    }

    public java.util.Optional<BackupSchedule> backupSchedule(UUID guestId) {
        return BackupSchedule.findByIdOptional(guestId);
    }

    /** The guest's backups being made or finished, newest first. */
    public java.util.List<GuestBackup> backups(UUID guestId) {
        return GuestBackup.list("guestId = ?1 and state <> ?2 order by createdAt desc", guestId,
                GuestBackup.State.DELETING);
    }

    private GuestBackup readyBackup(UUID guestId, UUID backupId) {
        return GuestBackup.<GuestBackup>find("id = ?1 and guestId = ?2 and state = ?3", backupId, guestId,
                GuestBackup.State.READY).firstResultOptional()
                .orElseThrow(() -> new IllegalStateException("This server has no finished backup " + backupId
                        + "."));
    }

    /** Records and queues a new snapshot; names are unique per guest. */
    @Transactional(TxType.MANDATORY)
    public void snapshot(UUID guestId, String name, String description) {
        Guest guest = lockIdle(guestId, "snapshotted");
        if (GuestSnapshot.count("guestId = ?1 and name = ?2", guestId, name) > 0) {
            throw new IllegalStateException("This server already has a snapshot called " + name + ".");
        }
        GuestSnapshot snapshot = new GuestSnapshot();
        snapshot.id = UUID.randomUUID();
        snapshot.guestId = guestId;
        snapshot.name = name;
        snapshot.description = description == null ? "" : description;
        snapshot.createdAt = clock.instant();
        snapshot.state = GuestSnapshot.State.CREATING;
        snapshot.persist();
        guest.status = GuestStatus.SNAPSHOTTING;
        guest.updatedAt = clock.instant();
        jobs.enqueue(guestId, JobKind.SNAPSHOT_CREATE, name);
    }

    /** Queues a revert to a finished snapshot: the server's disk (and memory, if taken running) go back to it. */
    @Transactional(TxType.MANDATORY)
    public void revert(UUID guestId, String name) {
        Guest guest = lockIdle(guestId, "reverted");
        readySnapshot(guestId, name);
        guest.status = GuestStatus.SNAPSHOTTING;
        guest.updatedAt = clock.instant();
        jobs.enqueue(guestId, JobKind.SNAPSHOT_REVERT, name);
    }

    @Transactional(TxType.MANDATORY)
    public void deleteSnapshot(UUID guestId, String name) {
        Guest guest = lockIdle(guestId, "changed");
        readySnapshot(guestId, name).state = GuestSnapshot.State.DELETING;
        guest.status = GuestStatus.SNAPSHOTTING;
        guest.updatedAt = clock.instant();
        jobs.enqueue(guestId, JobKind.SNAPSHOT_DELETE, name);
    }

    /** Where a guest's console is read from: what {@link #consoleTail(ConsoleSource, int)} needs, no entity. */
    public record ConsoleSource(UUID guestId, String guestType, io.innkeeper.provisioning.driver.NodeSettings node) {
    }

    public ConsoleSource consoleSource(Guest guest) {
        return new ConsoleSource(guest.id, guest.node.guestType, guest.node.settings());
    }

    /**
     * The end of the guest's serial console log, read from its node while the caller waits, at most
     * {@code innkeeper.provisioning.console-read-timeout}; a node that does not answer by then is
     * {@link DriverException.Transient}. The driver's own errors pass through (Unsupported, NotFoundOnHost for a
     * guest not on its node yet). Callers read the source in a short transaction and call this after it, so a slow
     * node never holds a database connection.
     */
    public ConsoleOutput consoleTail(ConsoleSource source, int maxBytes) {
        HypervisorDriver driver = drivers.forNode(source.guestType(), source.node());
        return BoundedCall.within(config.consoleReadTimeout(), () -> driver.consoleTail(source.guestId(), maxBytes));
    }

    /**
     * Opens the guest's serial console on its node, taking it over from any other client; output goes to
     * {@code sink} until the console ends or the caller closes it. Bounded like {@link #consoleTail}; the driver's
     * errors pass through (Unsupported where the node has no consoles, Conflict while the guest is not running).
     */
    public io.innkeeper.provisioning.driver.ConsoleStream openConsole(ConsoleSource source,
            io.innkeeper.provisioning.driver.ConsoleSink sink) {
        HypervisorDriver driver = drivers.forNode(source.guestType(), source.node());
        return BoundedCall.within(config.consoleReadTimeout(), () -> driver.openConsole(source.guestId(), sink));
    }

    /**
     * Joins the running VM's VNC display to {@code sink}: its address is read from the live domain on the node, then
     * the panel connects to it (non-blocking; the connect is bounded like {@link #consoleTail}). Unsupported where
     * the guest has no display the panel can reach, Conflict while it is not running, Transient when it does not
     * answer.
     */
    public io.innkeeper.provisioning.driver.ConsoleStream openVnc(ConsoleSource source,
            io.innkeeper.provisioning.driver.ConsoleSink sink) {
        HypervisorDriver driver = drivers.forNode(source.guestType(), source.node());
        io.innkeeper.provisioning.driver.VncDisplay display = BoundedCall.within(config.consoleReadTimeout(),
                () -> driver.vncDisplay(source.guestId()));
        return vncProxy.connect(display, sink, config.consoleReadTimeout());
    }

    /** A PNG of the running VM's screen, taken through libvirt; bounded and failing like {@link #openVnc}. */
    public byte[] screenshot(ConsoleSource source) {
        HypervisorDriver driver = drivers.forNode(source.guestType(), source.node());
        return BoundedCall.within(config.consoleReadTimeout(), () -> driver.screenshot(source.guestId()));
    }

    public java.util.List<GuestSnapshot> snapshots(UUID guestId) {
        return GuestSnapshot.list("guestId = ?1 order by createdAt", guestId);
    }

    private GuestSnapshot readySnapshot(UUID guestId, String name) {
        return GuestSnapshot.<GuestSnapshot>find("guestId = ?1 and name = ?2 and state = ?3", guestId, name,
                GuestSnapshot.State.READY).firstResultOptional()
                .orElseThrow(() -> new IllegalStateException("This server has no finished snapshot called " + name
                        + "."));
    }

    /** Locks a guest that is running or stopped, the states every change starts from. */
    private Guest lockIdle(UUID guestId, String verb) {
        Guest guest = lock(guestId);
        if (guest.inRescue()) {
            throw new IllegalStateException("This server is in rescue mode, so it cannot be " + verb
                    + " now; leave rescue mode first.");
        }
        if (guest.status != GuestStatus.RUNNING && guest.status != GuestStatus.STOPPED) {
            throw new IllegalStateException("Only a running or stopped server can be " + verb + "; this one is "
                    + guest.status.label().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return guest;
    }

    private void transition(UUID guestId, GuestStatus from, GuestStatus to, JobKind kind, String verb) {
        Guest guest = lock(guestId);
        if (guest.status != from) {
            throw new IllegalStateException("Only a " + from.label().toLowerCase(java.util.Locale.ROOT)
                    + " server can be " + verb + "; this one is "
                    + guest.status.label().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        guest.status = to;
        guest.updatedAt = clock.instant();
        jobs.enqueue(guestId, kind);
    }

    /**
     * Stores how the customer gets into the guest, served to its cloud-init from the next boot on. Every change
     * gives the guest a new instance id, so cloud-init applies the password and keys again.
     *
     * @return the new generation of the guest's access settings
     */
    @Transactional(TxType.MANDATORY)
    public int setAccess(UUID guestId, GuestAccess access) {
        lock(guestId);
        GuestAccessRow row = GuestAccessRow.findById(guestId);
        boolean fresh = row == null;
        if (fresh) {
            row = new GuestAccessRow();
            row.guestId = guestId;
            row.generation = 1;
        } else {
            row.generation++;
        }
        row.rootPasswordHash = access.rootPasswordHash();
        row.sshKeys = String.join("\n", access.sshKeys());
        row.userData = access.userData();
        row.updatedAt = clock.instant();
        if (fresh) {
            em.persist(row);
        }
        return row.generation;
    }

    /** The guest's access settings; {@link GuestAccess#NONE} when none were set. */
    @Transactional(TxType.SUPPORTS)
    public GuestAccess access(UUID guestId) {
        GuestAccessRow row = GuestAccessRow.findById(guestId);
        return row == null ? GuestAccess.NONE : row.access();
    }

    /** Queues the guest's removal; asking twice is harmless. */
    @Transactional(TxType.MANDATORY)
    public void delete(UUID guestId) {
        Guest guest = lock(guestId);
        if (guest.status == GuestStatus.DELETING || guest.status == GuestStatus.DELETED) {
            return;
        }
        guest.status = GuestStatus.DELETING;
        guest.updatedAt = clock.instant();
        jobs.enqueue(guestId, JobKind.DELETE);
    }

    /**
     * Locks the guest's row and reads it afresh: a job may have changed it since this transaction first loaded it,
     * and the change must be seen, not refused as stale.
     */
    private Guest lock(UUID guestId) {
        Guest guest = em.find(Guest.class, guestId);
        if (guest == null) {
            throw new IllegalArgumentException("no guest " + guestId);
        }
        em.refresh(guest, LockModeType.PESSIMISTIC_WRITE);
        return guest;
    }
}
