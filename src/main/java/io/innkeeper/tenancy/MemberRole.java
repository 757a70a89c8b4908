package io.innkeeper.tenancy;

/** A user's role inside a tenant. */
public enum MemberRole {
    OWNER,
    MEMBER
}
