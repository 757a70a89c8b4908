package io.innkeeper.tenancy;

/** A suspended tenant keeps its data but cannot order or start servers; a closed one is gone for good. */
public enum TenantStatus {
    ACTIVE,
    SUSPENDED,
    CLOSED
}
