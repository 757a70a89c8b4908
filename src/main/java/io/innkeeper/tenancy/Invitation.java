package io.innkeeper.tenancy;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An invitation to join a tenant in a role, sent to an e-mail address; see {@link Invitations}. A Panache entity like
 * the others, so that writes to its public fields from outside the class are seen by dirty checking.
 */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    public Tenant tenant;

    public String email;

    @Enumerated(EnumType.STRING)
    public MemberRole role;

    /** SHA-256 of the link's token, in hex; the token itself is only ever in the letter. */
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "invited_by")
    public String invitedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "accepted_by")
    public String acceptedBy;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    InvitationState state(Instant now) {
        return InvitationState.of(acceptedAt != null, revokedAt != null, !now.isBefore(expiresAt));
    }
}
