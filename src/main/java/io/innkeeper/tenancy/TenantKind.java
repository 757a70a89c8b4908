package io.innkeeper.tenancy;

/** A customer runs servers; a reseller also has customers of its own. */
public enum TenantKind {
    CUSTOMER,
    RESELLER
}
