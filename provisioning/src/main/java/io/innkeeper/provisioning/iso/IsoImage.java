package io.innkeeper.provisioning.iso;

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

/** An ISO in a region's library: a file in the image directory of the region's nodes, and its SHA-256. */
@Entity
@Table(name = "iso_image")
public class IsoImage extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    public Region region;

    public String name;

    @Column(name = "file_name")
    public String fileName;

    public String sha256;

    @Column(name = "created_at")
    public Instant createdAt;
}
