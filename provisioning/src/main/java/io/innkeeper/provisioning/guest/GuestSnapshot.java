package io.innkeeper.provisioning.guest;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A snapshot as the panel knows it; the host holds the data, this row holds the name, time and quota count. */
@Entity
@Table(name = "snapshot")
public class GuestSnapshot extends PanacheEntityBase {

    /** Where the snapshot is in its life. */
    public enum State {
        CREATING,
        READY,
        DELETING
    }

    @Id
    public UUID id;

    @Column(name = "guest_id")
    public UUID guestId;

    public String name;

    public String description;

    @Column(name = "created_at")
    public Instant createdAt;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;
}
