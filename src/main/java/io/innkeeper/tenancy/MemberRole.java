package io.innkeeper.tenancy;

/** A user's role inside a tenant: an owner also manages the team, a read-only member sees all and changes nothing. */
public enum MemberRole {
    OWNER,
    MEMBER,
    READ_ONLY;

    /** Whether the role may change anything of the tenant (servers, orders, keys). */
    public boolean canChange() {
        return this != READ_ONLY;
    }

    public String label() {
        return switch (this) {
            case OWNER -> "Owner";
            case MEMBER -> "Member";
            case READ_ONLY -> "Read-only";
        };
    }
}
