package io.innkeeper.orders;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The PTR name set for one address of a server. */
@Entity
@Table(name = "reverse_dns")
public class ReverseDns extends PanacheEntityBase {

    @Id
    public String address;

    @Column(name = "server_id")
    public UUID serverId;

    public String ptr;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
