package io.innkeeper.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One line of the audit log: who, when, from where, what, on which object, and the values before and after. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    public Instant at;

    public String actor;

    @Column(name = "actor_tenant")
    public UUID actorTenant;

    @Column(name = "source_ip")
    public String sourceIp;

    @Column(name = "request_id")
    public String requestId;

    public String action;

    @Column(name = "target_type")
    public String targetType;

    @Column(name = "target_id")
    public String targetId;

    /** The tenant the object belongs to, so a tenant's own history can be shown to it. */
    @Column(name = "tenant_id")
    public UUID tenantId;

    public String outcome;

    public String detail;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "before_state")
    public String beforeState;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "after_state")
    public String afterState;
}
