package io.innkeeper.provisioning.cloudinit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A guest's stored access settings; see {@link GuestAccess}. */
@Entity
@Table(name = "guest_access")
public class GuestAccessRow extends PanacheEntityBase {

    @Id
    @Column(name = "guest_id")
    public UUID guestId;

    @Column(name = "root_password_hash")
    public String rootPasswordHash;

    /** One key per line. */
    @Column(name = "ssh_keys")
    public String sshKeys = "";

    @Column(name = "user_data")
    public String userData;

    public int generation = 1;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public GuestAccess access() {
        List<String> keys = sshKeys.isEmpty() ? List.of() : Arrays.asList(sshKeys.split("\n"));
        return new GuestAccess(rootPasswordHash, keys, userData);
    }
}
