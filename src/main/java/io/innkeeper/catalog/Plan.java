package io.innkeeper.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import io.innkeeper.kernel.Money;
import io.innkeeper.provisioning.driver.GuestSpec;

/** What a customer orders: the size of a server, the guest type it runs as and its price. */
@Entity
@Table(name = "plan")
public class Plan extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Stable name of the plan across its versions, for example {@code s-2}. */
    public String code;

    /** Bumped on every edit; servers keep the version they were ordered with. */
    public int version = 1;

    public String name;

    /** Comma-separated guest types the plan may run as, for example {@code kvm,xen}. */
    @Column(name = "guest_types")
    public String guestTypes;

    public int vcpus;

    @Column(name = "memory_mib")
    public int memoryMib;

    @Column(name = "disk_gib")
    public int diskGib;

    @Column(name = "hourly_price")
    public BigDecimal hourlyPrice;

    @Column(name = "monthly_cap")
    public BigDecimal monthlyCap;

    public String currency;

    /** Outbound traffic included per month. */
    @Column(name = "traffic_gb")
    public int trafficGb = 1000;

    /** Network speed the guest's interface is shaped to. */
    @Column(name = "port_mbit")
    public int portMbit = 1000;

    /** Disk operations per second; null for no limit. */
    @Column(name = "disk_iops")
    public Integer diskIops;

    /** Disk throughput in MB/s; null for no limit. */
    @Column(name = "disk_mbyte_s")
    public Integer diskMbyteS;

    /** Relative CPU weight between guests of one node. */
    @Column(name = "cpu_shares")
    public int cpuShares = 1024;

    /** Hard cap on the CPU time of each vCPU, in percent; null for no cap. */
    @Column(name = "cpu_cap_percent")
    public Integer cpuCapPercent;

    @Column(name = "on_sale")
    public boolean onSale = true;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Set when a newer version replaced this one. */
    @Column(name = "retired_at")
    public Instant retiredAt;

    public List<String> guestTypeList() {
        return Arrays.stream(guestTypes.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    public boolean runsAs(String guestType) {
        return guestTypeList().contains(guestType);
    }

    public Money hourly() {
        return Money.of(hourlyPrice.toPlainString(), currency);
    }

    public Money monthly() {
        return Money.of(monthlyCap.toPlainString(), currency);
    }

    /**
     * The limits a guest of this plan runs under: CPU weight and cap (per vCPU, over a 100 ms period), disk IOPS and
     * throughput, and the port speed as the interface's average rate in KiB/s.
     */
    public GuestSpec.Limits guestLimits() {
        long period = 100_000;
        return new GuestSpec.Limits(cpuShares, cpuCapPercent == null ? null : period,
                cpuCapPercent == null ? null : period * cpuCapPercent / 100,
                diskIops == null ? null : diskIops.longValue(),
                diskMbyteS == null ? null : diskMbyteS * 1_000_000L,
                portMbit * 1_000_000L / 8 / 1024, null);
    }

    /** For example "2 vCPU · 4 GiB · 80 GiB". */
    public String summary() {
        String memory = memoryMib % 1024 == 0 ? (memoryMib / 1024) + " GiB" : memoryMib + " MiB";
        return vcpus + " vCPU · " + memory + " RAM · " + diskGib + " GiB disk";
    }

    /** The current version of every plan on sale, cheapest first. */
    public static List<Plan> onSale() {
        return list("onSale = true and retiredAt is null order by hourlyPrice, code");
    }
}
