package io.innkeeper.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One event on its way to one endpoint. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    /** A delivery waits for its turn, has been received, or ran out of attempts (a replay queues it again). */
    public enum State {
        PENDING,
        DELIVERED,
        FAILED
    }

    @Id
    public UUID id;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "endpoint_id")
    public UUID endpointId;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;

    public int attempts;

    @Column(name = "run_after")
    public Instant runAfter;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** The event's sequence number, so one endpoint's deliveries go out in the order of the events. */
    public long seq;
}
