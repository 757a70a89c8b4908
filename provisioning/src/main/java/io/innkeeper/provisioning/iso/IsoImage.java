package io.innkeeper.provisioning.iso;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    /** Lower-case hex; the column is char(64), which Hibernate's schema validation must be told. */
    @Column(length = 64)
    @JdbcTypeCode(SqlTypes.CHAR)
    public String sha256;

    @Column(name = "created_at")
    public Instant createdAt;
}
