package io.innkeeper.quota;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tenant's quota as an admin or its reseller set it; tenants without a row get the configured default. */
@Entity
@Table(name = "quota")
public class Quota extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "max_servers")
    public int maxServers;

    @Column(name = "max_vcpus")
    public int maxVcpus;

    @Column(name = "max_memory_mib")
    public long maxMemoryMib;

    @Column(name = "max_disk_gib")
    public long maxDiskGib;

    @Column(name = "max_ipv4")
    public int maxIpv4;

    @Column(name = "max_snapshots")
    public int maxSnapshots;

    @Column(name = "max_running_servers")
    public Integer maxRunningServers;

    @Column(name = "max_running_vcpus")
    public Integer maxRunningVcpus;

    @Column(name = "max_running_memory_mib")
    public Long maxRunningMemoryMib;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    public QuotaLimits limits() {
        return new QuotaLimits(maxServers, maxVcpus, maxMemoryMib, maxDiskGib, maxIpv4, maxSnapshots,
                maxRunningServers, maxRunningVcpus, maxRunningMemoryMib);
    }

    void set(QuotaLimits limits) {
        maxServers = limits.servers();
        maxVcpus = limits.vcpus();
        maxMemoryMib = limits.memoryMib();
        maxDiskGib = limits.diskGib();
        maxIpv4 = limits.ipv4();
        maxSnapshots = limits.snapshots();
        maxRunningServers = limits.runningServers();
        maxRunningVcpus = limits.runningVcpus();
        maxRunningMemoryMib = limits.runningMemoryMib();
    }
}
