package io.innkeeper.provisioning.iso;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.JobKind;
import io.innkeeper.provisioning.job.JobQueue;
import io.innkeeper.provisioning.job.JobState;

/**
 * A guest's CD-ROM drive: insert an ISO from its region's library, eject it, and choose whether the next start
 * boots from it. The guest record says what the drive should hold; a job ({@link JobKind#CDROM_INSERT},
 * {@link JobKind#CDROM_EJECT}, {@link JobKind#BOOT_DEVICE}) brings the node to it. Methods join the caller's
 * transaction, so the caller's audit entry and the change are one.
 */
@ApplicationScoped
public class GuestCdroms {

    /** Why a container (or any guest without a drive) gets no ISO. */
    public static final String NO_DRIVE = "Containers share the host's kernel and boot no operating system of "
            + "their own, so they have no CD-ROM drive; ISOs are for virtual machines (KVM and Xen).";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    JobQueue jobs;

    /** What a server page and the API show of the drive. */
    public record CdromState(boolean hasDrive, UUID isoId, String isoName, String isoSha256, boolean bootFromCdrom,
            boolean changing) {

        public boolean inserted() {
            return isoId != null;
        }
    }

    /**
     * The guest types whose guests have a CD-ROM drive: KVM and Xen VMs (the panel makes Xen guests fully
     * virtualised, HVM, whose firmware boots a CD-ROM).
     */
    public static boolean hasDrive(String guestType) {
        return "kvm".equals(guestType) || "xen".equals(guestType);
    }

    @Transactional(TxType.MANDATORY)
    public CdromState state(UUID guestId) {
        Guest guest = em.find(Guest.class, guestId);
        IsoImage iso = guest.cdromIso;
        long open = em.createQuery("select count(j) from Job j where j.guestId = :g and j.kind in (:kinds) "
                + "and j.state in (:open)", Long.class)
                .setParameter("g", guestId)
                .setParameter("kinds", List.of(JobKind.CDROM_INSERT, JobKind.CDROM_EJECT, JobKind.BOOT_DEVICE))
                .setParameter("open", List.of(JobState.QUEUED, JobState.RUNNING))
                .getSingleResult();
        return new CdromState(hasDrive(guest.node.guestType), iso == null ? null : iso.id,
                iso == null ? null : iso.name, iso == null ? null : iso.sha256, guest.bootCdrom, open > 0);
    }

    /** Puts the ISO in the drive (replacing any there); the ISO must be in the library of the guest's region. */
    @Transactional(TxType.MANDATORY)
    public String insert(UUID guestId, UUID isoId) {
        Guest guest = lockChangeable(guestId, "isoId");
        IsoImage iso = isoId == null ? null : IsoImage.findById(isoId);
        if (iso == null || !iso.region.id.equals(guest.node.region.id)) {
            throw InvalidInput.of("isoId", "Choose an ISO from the library of the server's region.");
        }
        guest.cdromDrive = true;
        guest.cdromIso = iso;
        changed(guest, JobKind.CDROM_INSERT, iso.name);
        return iso.name;
    }

    /** Empties the drive; the next start boots from the disk again. */
    @Transactional(TxType.MANDATORY)
    public void eject(UUID guestId) {
        Guest guest = lockChangeable(guestId, "iso");
        if (guest.cdromIso == null) {
            throw InvalidInput.of("iso", "The CD-ROM drive is empty already.");
        }
        guest.cdromIso = null;
        guest.bootCdrom = false;
        changed(guest, JobKind.CDROM_EJECT, null);
    }

    /** Chooses the boot device for the next start: the CD-ROM (which must hold an ISO) then the disk, or the disk. */
    @Transactional(TxType.MANDATORY)
    public void bootFrom(UUID guestId, boolean cdrom) {
        Guest guest = lockChangeable(guestId, "bootFrom");
        if (cdrom && guest.cdromIso == null) {
            throw InvalidInput.of("bootFrom", "Insert an ISO first: the CD-ROM drive is empty.");
        }
        guest.bootCdrom = cdrom;
        changed(guest, JobKind.BOOT_DEVICE, cdrom ? "cdrom" : "disk");
    }

    private void changed(Guest guest, JobKind kind, String arg) {
        guest.updatedAt = clock.instant();
        jobs.enqueue(guest.id, kind, arg);
    }

    /** The guest, locked, once it has a drive and no job working on it; refusals name {@code field}. */
    private Guest lockChangeable(UUID guestId, String field) {
        Guest guest = em.find(Guest.class, guestId);
        if (guest == null) {
            throw new IllegalArgumentException("no guest " + guestId);
        }
        em.refresh(guest, LockModeType.PESSIMISTIC_WRITE);
        if (!hasDrive(guest.node.guestType)) {
            throw InvalidInput.of(field, NO_DRIVE);
        }
        if (guest.status != GuestStatus.RUNNING && guest.status != GuestStatus.STOPPED) {
            throw InvalidInput.of(field, "Only a running or stopped server's CD-ROM can be changed; this one is "
                    + guest.status.label().toLowerCase(Locale.ROOT) + ".");
        }
        return guest;
    }
}
