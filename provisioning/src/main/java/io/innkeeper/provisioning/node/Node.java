package io.innkeeper.provisioning.node;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import io.innkeeper.provisioning.driver.NodeSettings;

/** A hypervisor host reached through libvirt. */
@Entity
@Table(name = "node")
public class Node extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    public Region region;

    public String name;

    /** The driver factory id: kvm, xen, lxc or openvz. */
    @Column(name = "guest_type")
    public String guestType;

    @Column(name = "libvirt_uri")
    public String libvirtUri;

    public int vcpus;

    @Column(name = "memory_mib")
    public long memoryMib;

    @Column(name = "disk_gib")
    public long diskGib;

    @Column(name = "cpu_overcommit")
    public BigDecimal cpuOvercommit = BigDecimal.ONE;

    @Column(name = "memory_overcommit")
    public BigDecimal memoryOvercommit = BigDecimal.ONE;

    /** How many live guests the node may hold; null for no cap beyond its resources. */
    @Column(name = "max_guests")
    public Integer maxGuests;

    @Enumerated(EnumType.STRING)
    public NodeState state = NodeState.ACTIVE;

    @Column(name = "created_at")
    public Instant createdAt;

    public NodeSettings settings() {
        return new NodeSettings(libvirtUri);
    }
}
