package io.innkeeper.provisioning.driver;

import java.util.Objects;
import java.util.UUID;

/**
 * The guest a driver should make. {@code id} is the panel's UUID, written into the domain so the reconciler can
 * match host and database; {@code ownerRef} (the tenant) and {@code hostname} go into its metadata.
 * {@code image} is a disk image for VMs and a template-cache name for containers.
 * <p>
 * {@code virtMode} only matters on Xen nodes, where it picks paravirtualised ({@link VirtMode#PV}) or fully
 * virtualised ({@link VirtMode#HVM}) domain XML; KVM guests are always HVM and containers ignore it.
 * <p>
 * {@code seedUrl}, where set, is the NoCloud address the guest's cloud-init reads its settings from (root password,
 * SSH keys, network); VMs find it in their SMBIOS serial number.
 * <p>
 * {@code cdrom}, where set, gives a VM a CD-ROM drive (with an ISO or empty) and says whether it boots from it.
 */
public record GuestSpec(UUID id, UUID ownerRef, String hostname, int vcpus, int memoryMib, int diskGib,
        String image, Limits limits, Boot boot, VirtMode virtMode, String seedUrl, Cdrom cdrom) {

    public GuestSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerRef, "ownerRef");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(virtMode, "virtMode");
        if (vcpus < 1 || memoryMib < 64 || diskGib < 1) {
            throw new IllegalArgumentException("guest needs at least 1 vCPU, 64 MiB and 1 GiB: " + vcpus + ", "
                    + memoryMib + ", " + diskGib);
        }
    }

    public GuestSpec(UUID id, UUID ownerRef, String hostname, int vcpus, int memoryMib, int diskGib, String image,
            Limits limits, Boot boot, VirtMode virtMode) {
        this(id, ownerRef, hostname, vcpus, memoryMib, diskGib, image, limits, boot, virtMode, null, null);
    }

    public GuestSpec(UUID id, UUID ownerRef, String hostname, int vcpus, int memoryMib, int diskGib, String image,
            Limits limits, Boot boot, VirtMode virtMode, String seedUrl) {
        this(id, ownerRef, hostname, vcpus, memoryMib, diskGib, image, limits, boot, virtMode, seedUrl, null);
    }

    /** A guest without resource limits that boots from its disk, fully virtualised where that matters. */
    public GuestSpec(UUID id, UUID ownerRef, String hostname, int vcpus, int memoryMib, int diskGib, String image) {
        this(id, ownerRef, hostname, vcpus, memoryMib, diskGib, image, Limits.NONE, Boot.FROM_DISK, VirtMode.HVM);
    }

    /** The libvirt domain name: unique per node whatever hostnames tenants choose. */
    public String domainName() {
        return "ik-" + id;
    }

    public GuestSpec withLimits(Limits newLimits) {
        return new GuestSpec(id, ownerRef, hostname, vcpus, memoryMib, diskGib, image, newLimits, boot, virtMode,
                seedUrl, cdrom);
    }

    public GuestSpec withBoot(Boot newBoot) {
        return new GuestSpec(id, ownerRef, hostname, vcpus, memoryMib, diskGib, image, limits, newBoot, virtMode,
                seedUrl, cdrom);
    }

    public GuestSpec withVirtMode(VirtMode newMode) {
        return new GuestSpec(id, ownerRef, hostname, vcpus, memoryMib, diskGib, image, limits, boot, newMode,
                seedUrl, cdrom);
    }

    public GuestSpec withSize(int newVcpus, int newMemoryMib) {
        return new GuestSpec(id, ownerRef, hostname, newVcpus, newMemoryMib, diskGib, image, limits, boot,
                virtMode, seedUrl, cdrom);
    }

    public GuestSpec withSeed(String url) {
        return new GuestSpec(id, ownerRef, hostname, vcpus, memoryMib, diskGib, image, limits, boot, virtMode, url,
                cdrom);
    }

    public GuestSpec withCdrom(Cdrom newCdrom) {
        return new GuestSpec(id, ownerRef, hostname, vcpus, memoryMib, diskGib, image, limits, boot, virtMode, seedUrl,
                newCdrom);
    }

    /** How a Xen guest is virtualised. */
    public enum VirtMode {
        /** Fully virtualised: any OS, boots through firmware. */
        HVM,
        /** Paravirtualised: needs a PV-capable Linux kernel, booted by pygrub or given directly. */
        PV
    }

    /**
     * What a plan limits beyond size. Every value is optional ({@code null} means "no limit"); the CPU cap is
     * {@code cpuQuotaUs} of every {@code cpuPeriodUs}, so both come together. Network rates are KiB/s, as in
     * libvirt's {@code <bandwidth>}.
     */
    public record Limits(Integer cpuShares, Long cpuPeriodUs, Long cpuQuotaUs, Long diskIops, Long diskBytesPerSec,
            Long netAverageKibps, Long netPeakKibps) {

        public static final Limits NONE = new Limits(null, null, null, null, null, null, null);

        public Limits {
            if ((cpuPeriodUs == null) != (cpuQuotaUs == null)) {
                throw new IllegalArgumentException("a CPU cap needs both period and quota");
            }
            if (cpuPeriodUs != null && (cpuPeriodUs < 1_000 || cpuPeriodUs > 1_000_000)) {
                throw new IllegalArgumentException("CPU period must be 1000..1000000 µs: " + cpuPeriodUs);
            }
            if (netPeakKibps != null && netAverageKibps == null) {
                throw new IllegalArgumentException("a network peak needs an average rate");
            }
            positive("cpuShares", cpuShares);
            positive("cpuQuotaUs", cpuQuotaUs);
            positive("diskIops", diskIops);
            positive("diskBytesPerSec", diskBytesPerSec);
            positive("netAverageKibps", netAverageKibps);
            positive("netPeakKibps", netPeakKibps);
        }

        public boolean hasCpuTune() {
            return cpuShares != null || cpuPeriodUs != null;
        }

        public boolean hasDiskIo() {
            return diskIops != null || diskBytesPerSec != null;
        }

        public boolean hasBandwidth() {
            return netAverageKibps != null;
        }

        private static void positive(String name, Number value) {
            if (value != null && value.longValue() <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }
    }

    /** Where a VM's kernel comes from. Containers always run the template's {@code /sbin/init}. */
    public sealed interface Boot {

        Boot FROM_DISK = new FromDisk();

        /** The disk image's own boot loader (firmware for HVM, pygrub for Xen PV). */
        record FromDisk() implements Boot {
        }

        /**
         * Direct kernel boot from files on the node. {@code initrd} and {@code cmdline} may be {@code null};
         * without {@code withDisk} the guest has no disk at all (a kernel plus initramfs is enough for tests
         * and rescue systems).
         */
        record Kernel(String kernel, String initrd, String cmdline, boolean withDisk) implements Boot {
            public Kernel {
                Objects.requireNonNull(kernel, "kernel");
            }
        }
    }
}
