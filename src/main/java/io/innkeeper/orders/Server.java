package io.innkeeper.orders;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import io.innkeeper.catalog.Plan;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.provisioning.template.OsTemplate;
import io.innkeeper.tenancy.Tenant;

/** A customer's VPS: who owns it and what was ordered. Its power state lives on the {@link Guest} of the same id. */
@Entity
@Table(name = "server")
public class Server extends PanacheEntityBase {

    @Id
    public UUID id;

    @MapsId
    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "id")
    public Guest guest;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    public Tenant tenant;

    public String hostname;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    public Plan plan;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    public OsTemplate template;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    public Region region;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** The client's key for this order: the same key again returns this server instead of a second one. */
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** Hash of what was ordered, to tell a retry from a different order sent with a reused key. */
    @Column(name = "order_fingerprint")
    public String orderFingerprint;
}
