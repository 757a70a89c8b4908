package io.innkeeper.tenancy;

/** Where an invitation stands: open, used, withdrawn or too old. Only a pending one can be accepted or resent. */
public enum InvitationState {
    PENDING,
    ACCEPTED,
    REVOKED,
    EXPIRED;

    /** The state of an invitation: acceptance and revocation are final, then the clock decides. */
    public static InvitationState of(boolean accepted, boolean revoked, boolean pastExpiry) {
        if (accepted) {
            return ACCEPTED;
        }
        if (revoked) {
            return REVOKED;
        }
        return pastExpiry ? EXPIRED : PENDING;
    }

    /** Why a link in this state cannot be used, in words for the person who opened it; null when it can. */
    public String refusal() {
        return switch (this) {
            case PENDING -> null;
            case ACCEPTED -> "This invitation has been used already. Each link works once; if it was not you who "
                    + "accepted it, ask the person who invited you for a new one.";
            case REVOKED -> "This invitation was withdrawn by the account. Ask the person who invited you for a new "
                    + "one if you still need access.";
            case EXPIRED -> "This invitation has expired. Ask the person who invited you to send it again.";
        };
    }
}
