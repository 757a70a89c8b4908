package io.innkeeper.provisioning.guest;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import io.innkeeper.provisioning.driver.Cdrom;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.iso.IsoImage;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.rescue.RescueBoot;
import io.innkeeper.provisioning.rescue.RescueSystem;
import io.innkeeper.provisioning.template.OsTemplate;

/** A guest on a node. Its id is the UUID written into the libvirt domain. */
@Entity
@Table(name = "guest")
public class Guest extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    public Node node;

    /** The tenant that owns the guest; provisioning treats it as an opaque reference. */
    @Column(name = "owner_ref")
    public UUID ownerRef;

    public String hostname;

    public int vcpus;

    @Column(name = "memory_mib")
    public int memoryMib;

    @Column(name = "disk_gib")
    public int diskGib;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    public OsTemplate template;

    @Enumerated(EnumType.STRING)
    public GuestStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "cpu_shares")
    public Integer cpuShares;

    @Column(name = "cpu_period_us")
    public Long cpuPeriodUs;

    @Column(name = "cpu_quota_us")
    public Long cpuQuotaUs;

    @Column(name = "disk_iops")
    public Long diskIops;

    @Column(name = "disk_bytes_sec")
    public Long diskBytesSec;

    @Column(name = "net_kibps")
    public Long netKibps;

    /** Whether the guest has a CD-ROM drive; it keeps it, empty, after an eject. */
    @Column(name = "cdrom_drive")
    public boolean cdromDrive;

    /** The ISO in the drive, if any. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "cdrom_iso_id")
    public IsoImage cdromIso;

    /** Whether the next start boots from the CD-ROM (then the disk). */
    @Column(name = "boot_cdrom")
    public boolean bootCdrom;

    @Version
    public long version;

    /** The rescue system the guest boots while in rescue mode; null in normal operation. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "rescue_system_id")
    public RescueSystem rescueSystem;

    /** SHA-512 crypt hash of the one-time rescue root password, kept while in rescue to redefine the guest. */
    @Column(name = "rescue_password_hash")
    public String rescuePasswordHash;

    @Column(name = "rescue_since")
    public Instant rescueSince;

    public boolean inRescue() {
        return rescueSystem != null;
    }

    public GuestSpec.Limits limits() {
        return new GuestSpec.Limits(cpuShares, cpuPeriodUs, cpuQuotaUs, diskIops, diskBytesSec, netKibps, null);
    }

    public void setLimits(GuestSpec.Limits limits) {
        cpuShares = limits.cpuShares();
        cpuPeriodUs = limits.cpuPeriodUs();
        cpuQuotaUs = limits.cpuQuotaUs();
        diskIops = limits.diskIops();
        diskBytesSec = limits.diskBytesPerSec();
        netKibps = limits.netAverageKibps();
    }

    public GuestSpec spec() {
        GuestSpec spec = new GuestSpec(id, ownerRef, hostname, vcpus, memoryMib, diskGib, template.image)
                .withLimits(limits()).withCdrom(cdrom());
        return inRescue() ? spec.withBoot(RescueBoot.of(rescueSystem.kernel, rescueSystem.initrd,
                rescueSystem.cmdline, rescuePasswordHash)) : spec;
    }

    /** The guest's CD-ROM drive as drivers take it; {@code null} while it has none. */
    public Cdrom cdrom() {
        return cdromDrive ? new Cdrom(cdromIso == null ? null : cdromIso.fileName, bootCdrom) : null;
    }
}
