package io.innkeeper.orders.console;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One console connection, kept after it closes: who held which server's console, from when to when, and why it
 * ended. {@code endRequestedBy} is an admin's request to end it, which the replica holding it acts on.
 */
@Entity
@Table(name = "console_session")
public class ConsoleSession extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "server_id")
    public UUID serverId;

    @Column(name = "tenant_id")
    public UUID tenantId;

    public String login;

    public boolean admin;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "close_reason")
    public String closeReason;

    @Column(name = "end_requested_by")
    public String endRequestedBy;
}
