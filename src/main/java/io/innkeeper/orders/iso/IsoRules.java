package io.innkeeper.orders.iso;

import java.util.Locale;
import java.util.Optional;

import io.innkeeper.orders.ServerActions.Standing;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.iso.GuestCdroms;
import io.innkeeper.tenancy.MemberRole;

/**
 * Who may change a server's CD-ROM (insert, eject, boot from it), decided once: the server page offers the controls
 * exactly when this allows, and {@link ServerIso} refuses with the same words. Booting an ISO gives full control of
 * the server, like the console: a read-only member may not, nor a suspended or closed account (or one whose reseller
 * is suspended). Only virtual machines have a drive, and a job working on the server makes the rest wait.
 */
public final class IsoRules {

    static final String READ_ONLY = "Your role in this account is read-only, so you cannot change the server's "
            + "CD-ROM. Ask an owner of the account to make you a member.";

    private IsoRules() {
    }

    /** Why the person may not change the CD-ROM (the role and the account's standing); empty when they may. */
    public static Optional<String> personRefusal(MemberRole role, Standing standing) {
        if (role == null || !role.canChange()) {
            return Optional.of(READ_ONLY);
        }
        return switch (standing) {
            case ACTIVE -> Optional.empty();
            case RESELLER_SUSPENDED -> Optional.of("Your reseller's account is suspended, so ISOs cannot be "
                    + "attached. Contact your reseller.");
            case SUSPENDED, CLOSED -> Optional.of("This account is " + standing.name().toLowerCase(Locale.ROOT)
                    + ", so ISOs cannot be attached. Settle the account or contact support to restore it.");
        };
    }

    /** Why the server's CD-ROM cannot change now (no drive, or busy); empty when it can. */
    public static Optional<String> serverRefusal(String guestType, GuestStatus status) {
        if (!GuestCdroms.hasDrive(guestType)) {
            return Optional.of(GuestCdroms.NO_DRIVE);
        }
        if (status != GuestStatus.RUNNING && status != GuestStatus.STOPPED) {
            return Optional.of("Only a running or stopped server's CD-ROM can be changed; this one is "
                    + status.label().toLowerCase(Locale.ROOT) + ".");
        }
        return Optional.empty();
    }

    /** Both refusals, the person's first; empty when the change may go ahead. */
    public static Optional<String> refusal(MemberRole role, Standing standing, String guestType, GuestStatus status) {
        return personRefusal(role, standing).or(() -> serverRefusal(guestType, status));
    }
}
