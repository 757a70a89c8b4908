package io.innkeeper.provisioning.libvirt;

import java.util.List;
import java.util.Objects;

import io.innkeeper.provisioning.driver.GuestSpec.Limits;

/**
 * What the driver needs from a running domain's XML: its device names for statistics and the limits in force,
 * to tell which of a resize's changes need a reboot.
 */
record LiveDomain(List<String> nics, List<String> disks, Long cpuShares, Long cpuPeriodUs, Long cpuQuotaUs,
        Long diskIops, Long diskBytesPerSec, Long netAverageKibps, Long netPeakKibps) {

    static LiveDomain parse(String domainXml) {
        return of(XmlIn.parse(domainXml));
    }

    static LiveDomain of(XmlIn xml) {
        return new LiveDomain(
                // Interface statistics accept the host-side device name or, where it has none yet, the MAC.
                xml.texts("/domain/devices/interface/target/@dev | "
                        + "/domain/devices/interface[not(target/@dev)]/mac/@address"),
                xml.texts("/domain/devices/disk[@device='disk']/target/@dev"),
                xml.number("/domain/cputune/shares"),
                xml.number("/domain/cputune/period"),
                xml.number("/domain/cputune/quota"),
                xml.number("/domain/devices/disk[@device='disk'][1]/iotune/total_iops_sec"),
                xml.number("/domain/devices/disk[@device='disk'][1]/iotune/total_bytes_sec"),
                xml.number("/domain/devices/interface[1]/bandwidth/inbound/@average"),
                xml.number("/domain/devices/interface[1]/bandwidth/inbound/@peak"));
    }

    boolean sameCpuTune(Limits limits) {
        return same(cpuShares, limits.cpuShares()) && same(cpuPeriodUs, limits.cpuPeriodUs())
                && same(cpuQuotaUs, limits.cpuQuotaUs());
    }

    boolean sameDiskIo(Limits limits, boolean hasDisk) {
        return !hasDisk || same(diskIops, limits.diskIops()) && same(diskBytesPerSec, limits.diskBytesPerSec());
    }

    boolean sameBandwidth(Limits limits) {
        return same(netAverageKibps, limits.netAverageKibps()) && same(netPeakKibps, limits.netPeakKibps());
    }

    private static boolean same(Long live, Number wanted) {
        return Objects.equals(live, wanted == null ? null : wanted.longValue());
    }
}
