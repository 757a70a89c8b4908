package io.innkeeper.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tenant's SSH public key, to be put on servers it orders. */
@Entity
@Table(name = "ssh_key")
public class SshKey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    public String name;

    @Column(name = "key_type")
    public String keyType;

    @Column(name = "public_key")
    public String publicKey;

    public String fingerprint;

    @Column(name = "created_at")
    public Instant createdAt;
}
