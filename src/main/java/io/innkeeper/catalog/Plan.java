package io.innkeeper.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import io.innkeeper.kernel.Money;

/** What a customer orders: the size of a server, the guest type it runs as and its price. */
@Entity
@Table(name = "plan")
public class Plan extends PanacheEntityBase {

    @Id
    public UUID id;

    public String code;

    public String name;

    @Column(name = "guest_type")
    public String guestType;

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

    @Column(name = "on_sale")
    public boolean onSale = true;

    public Money hourly() {
        return Money.of(hourlyPrice.toPlainString(), currency);
    }

    public Money monthly() {
        return Money.of(monthlyCap.toPlainString(), currency);
    }

    /** For example "2 vCPU · 4 GiB · 80 GiB". */
    public String summary() {
        String memory = memoryMib % 1024 == 0 ? (memoryMib / 1024) + " GiB" : memoryMib + " MiB";
        return vcpus + " vCPU · " + memory + " RAM · " + diskGib + " GiB disk";
    }

    public static List<Plan> onSale() {
        return list("onSale = true order by hourlyPrice, code");
    }
}
