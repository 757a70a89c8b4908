package io.innkeeper.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A state change, written in the transaction that made it; {@code seq} gives the order of events. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "tenant_id")
    public UUID tenantId;

    public String type;

    /** The id of the object that changed. */
    public String subject;

    /** The event's data as JSON. */
    public String data;

    @Column(name = "created_at")
    public Instant createdAt;
}
