package io.innkeeper.provisioning.rescue;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import io.innkeeper.provisioning.node.Region;

/** A rescue system of one region: a kernel and an initramfs kept on the region's nodes, and its command line. */
@Entity
@Table(name = "rescue_system")
public class RescueSystem extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    public Region region;

    public String name;

    /** Absolute path of the kernel on the nodes. */
    public String kernel;

    /** Absolute path of the initramfs on the nodes. */
    public String initrd;

    /** The admin's kernel command line; the panel appends the root password's hash to it. */
    public String cmdline;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
