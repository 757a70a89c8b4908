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

/** A customer or reseller account: the unit that owns servers, is billed, and has a quota. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public TenantKind kind;

    /** The reseller this customer belongs to; null for direct customers and resellers. */
    @ManyToOne(fetch = FetchType.LAZY)
    public Tenant parent;

    @Enumerated(EnumType.STRING)
    public TenantStatus status = TenantStatus.ACTIVE;

    /** ISO 4217 code of the currency the tenant is billed in. */
    public String currency;

    /** IANA zone in which the tenant's billing months begin and end. */
    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "created_at")
    public Instant createdAt;

    /** ISO 3166-1 alpha-2 code of the account's country; null for accounts made before it was asked. */
    public String country;

    /** Whether this account signed itself up and an admin has not approved it yet (see {@link SignUp}). */
    @Column(name = "awaiting_approval")
    public boolean awaitingApproval;

    /** The language of the account's mails and pages: {@code en} or {@code de}. */
    public String language = "en";

    /** Whether this reseller receives a copy of its customers' billing mails. */
    @Column(name = "copy_customer_billing")
    public boolean copyCustomerBilling;

    /** Whether the account is a business, for VAT (see {@link TaxDetails}). */
    public boolean business;

    /** The business's VAT id as VIES writes it ({@code FR40303265045}); null when it gave none. */
    @Column(name = "vat_id")
    public String vatId;

    /** Whether every member must sign in with a one-time code as well as a password (see {@link TwoFactor}). */
    @Column(name = "requires_two_factor")
    public boolean requiresTwoFactor;

    /** Why a suspended tenant is suspended; null when it is not (see {@link TenantSuspensions}). */
    @Enumerated(EnumType.STRING)
    @Column(name = "suspension_kind")
    public TenantSuspensions.Kind suspensionKind;

    @Column(name = "suspension_reason")
    public String suspensionReason;

    @Column(name = "suspended_at")
    public Instant suspendedAt;

    @Column(name = "suspended_by")
    public String suspendedBy;
}
