package io.innkeeper.provisioning.libvirt;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Domain.VcpuFlags;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.libvirt.SchedLongParameter;
import org.libvirt.SchedParameter;
import org.libvirt.SchedUlongParameter;

import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.Limits;
import io.innkeeper.provisioning.driver.ResizeResult;
import io.innkeeper.provisioning.driver.ResizeResult.Resource;

/**
 * A resize: the stored definition is rewritten from the spec, then whatever differs in the running guest is
 * changed live where libvirt (and these bindings) can, and otherwise left for the next boot. The bindings have no
 * live call for disk I/O or interface limits, so those always wait.
 */
final class LibvirtResize {

    private LibvirtResize() {
    }

    static ResizeResult apply(Connect connect, DomainXml dialect, GuestSpec spec) throws LibvirtException {
        Domain domain = connect.domainLookupByUUID(spec.id());
        try {
            boolean running = domain.isActive() != 0;
            LiveDomain live = running ? LiveDomain.parse(domain.getXMLDesc(0)) : null;
            DomainInfo info = running ? domain.getInfo() : null;
            connect.domainDefineXML(dialect.write(spec)).free();
            if (!running) {
                return new ResizeResult(Set.of(), Set.of());
            }
            Set<Resource> changedLive = EnumSet.noneOf(Resource.class);
            Set<Resource> atNextBoot = EnumSet.noneOf(Resource.class);
            if (info.nrVirtCpu != spec.vcpus()) {
                sort(Resource.VCPUS, spec.vcpus() <= domain.getMaxVcpus()
                        && tryLive(() -> domain.setVcpusFlags(spec.vcpus(), VcpuFlags.LIVE)), changedLive, atNextBoot);
            }
            long kib = spec.memoryMib() * 1024L;
            if (info.memory != kib) {
                sort(Resource.MEMORY, kib <= info.maxMem && tryLive(() -> domain.setMemory(kib)), changedLive,
                        atNextBoot);
            }
            Limits limits = spec.limits();
            if (!live.sameCpuTune(limits)) {
                // A removed limit has no portable "unlimited" value across drivers, so removing one waits.
                sort(Resource.CPU_TUNE, limits.hasCpuTune() && tryLive(() -> cpuTune(domain, limits)), changedLive,
                        atNextBoot);
            }
            if (!live.sameDiskIo(limits, VmDevices.hasDisk(spec) && !live.disks().isEmpty())) {
                atNextBoot.add(Resource.DISK_IO);
            }
            if (!live.sameBandwidth(limits)) {
                atNextBoot.add(Resource.BANDWIDTH);
            }
            return new ResizeResult(changedLive, atNextBoot);
        } finally {
            domain.free();
        }
    }

    private static void cpuTune(Domain domain, Limits limits) throws LibvirtException {
        List<SchedParameter> parameters = new ArrayList<>();
        if (limits.cpuShares() != null) {
            parameters.add(named("cpu_shares", new SchedUlongParameter(limits.cpuShares())));
        }
        if (limits.cpuPeriodUs() != null) {
            parameters.add(named("vcpu_period", new SchedUlongParameter(limits.cpuPeriodUs())));
            parameters.add(named("vcpu_quota", new SchedLongParameter(limits.cpuQuotaUs())));
        }
        domain.setSchedulerParameters(parameters.toArray(SchedParameter[]::new));
    }

    private static SchedParameter named(String field, SchedParameter parameter) {
        parameter.field = field;
        return parameter;
    }

    @FunctionalInterface
    private interface LiveChange {
        void apply() throws LibvirtException;
    }

    /**
     * Whether the change took; a hypervisor that refuses it live leaves it to the stored definition. A lost
     * connection is not a refusal and fails the resize.
     */
    private static boolean tryLive(LiveChange change) throws LibvirtException {
        try {
            change.apply();
            return true;
        } catch (LibvirtException e) {
            if (LibvirtErrors.isConnectionFailure(e)) {
                throw e;
            }
            return false;
        }
    }

    private static void sort(Resource resource, boolean appliedLive, Set<Resource> live, Set<Resource> later) {
        (appliedLive ? live : later).add(resource);
    }
}
