package io.innkeeper.provisioning.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A long operation on a guest, kept in PostgreSQL so that it survives restarts and runs once across replicas. */
@Entity
@Table(name = "job")
public class Job extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "guest_id")
    public UUID guestId;

    @Enumerated(EnumType.STRING)
    public JobKind kind;

    @Enumerated(EnumType.STRING)
    public JobState state;

    /** The job's one argument, where it has one: a snapshot's name. */
    public String arg;

    public int attempts;

    @Column(name = "max_attempts")
    public int maxAttempts;

    @Column(name = "run_after")
    public Instant runAfter;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** What the job is doing now, or did last, in words a customer understands. */
    public String step;

    /** Why the last attempt failed, in words; null after a success. */
    public String error;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Time the finishing attempt spent waiting on the host. */
    @Column(name = "driver_micros")
    public Long driverMicros;

    /** The request that queued the job (X-Request-Id), and its trace context when tracing is on. */
    @Column(name = "request_id")
    public String requestId;

    @Column(name = "trace_parent")
    public String traceParent;

    public static List<Job> recentForGuest(UUID guestId, int limit) {
        return find("guestId = ?1 order by createdAt desc", guestId).page(0, limit).list();
    }
}
