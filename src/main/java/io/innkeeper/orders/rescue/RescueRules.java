package io.innkeeper.orders.rescue;

import java.util.Locale;
import java.util.Optional;

import io.innkeeper.orders.ServerActions;
import io.innkeeper.orders.ServerActions.Standing;
import io.innkeeper.tenancy.MemberRole;

/**
 * Who may turn rescue mode on or off, decided once: the server page offers it exactly when this allows, and
 * {@link ServerRescue} refuses with the same words. Rescue mode hands out root on the server, so a read-only member
 * may not; nor may anyone in an account that is suspended or closed, or whose reseller is suspended (their servers
 * are off and stay off).
 */
public final class RescueRules {

    static final String READ_ONLY = "Your role in this account is read-only, and rescue mode gives full control of "
            + "the server, so it is not open to you. Ask an owner of the account to make you a member.";

    /** Why resizes, reinstalls and snapshots wait while the server is in rescue. */
    public static final String HELD = "This server is in rescue mode: resize, reinstall and snapshots wait until it "
            + "leaves rescue mode.";

    private RescueRules() {
    }

    /**
     * What a member may do to a server in rescue: power actions as usual (they keep it in rescue), deletion, but no
     * resize, reinstall or snapshot, which would act on a system that is not booted (provisioning refuses them too,
     * under the guest's lock).
     */
    public static ServerActions.Decisions held(ServerActions.Decisions d) {
        return new ServerActions.Decisions(d.canStart(), d.canReboot(), d.canStop(), d.canPowerOff(), false, false,
                false, false, false, d.canDelete(), d.canEdit(), d.startHeld());
    }

    /** Why this person may not turn rescue mode on or off; empty when they may. */
    public static Optional<String> refusal(MemberRole role, Standing standing) {
        if (role == null || !role.canChange()) {
            return Optional.of(READ_ONLY);
        }
        return switch (standing) {
            case ACTIVE -> Optional.empty();
            case RESELLER_SUSPENDED -> Optional.of("Your reseller's account is suspended, so rescue mode is closed. "
                    + "Contact your reseller.");
            case SUSPENDED, CLOSED -> Optional.of("This account is " + standing.name().toLowerCase(Locale.ROOT)
                    + ", so rescue mode is closed. Settle the account or contact support to restore it.");
        };
    }
}
