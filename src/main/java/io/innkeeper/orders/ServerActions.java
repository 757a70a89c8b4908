package io.innkeeper.orders;

import java.util.Locale;
import java.util.Optional;

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.TenantStatus;

/**
 * What a customer may do to one server, decided once: the server page shows exactly the actions this allows, and
 * {@link OrderService} refuses the others with the same words. Three things decide: the guest's status (power
 * actions start from one state, changes from a running or stopped server), the member's role (a read-only member
 * changes nothing; {@code ReadOnlyGuard} refuses its requests with {@link MemberRole#canChange()}, the rule used
 * here) and the standing of the server's account (a suspended or closed account, or one whose reseller is not
 * active, cannot start servers). Provisioning checks the state again under the guest's lock, for a job that moved
 * the guest on in between.
 */
public final class ServerActions {

    private ServerActions() {
    }

    /** Something a customer asks of a server; {@code verb} is how a refusal names it. */
    public enum Action {
        START("started"),
        REBOOT("rebooted"),
        STOP("shut down"),
        POWER_OFF("powered off"),
        RESIZE("resized"),
        REINSTALL("reinstalled"),
        SNAPSHOT("snapshotted"),
        REVERT("reverted"),
        DELETE_SNAPSHOT("changed"),
        BACKUP("backed up"),
        RESTORE("restored"),
        DELETE("deleted");

        private final String verb;

        Action(String verb) {
            this.verb = verb;
        }
    }

    /** Whether the server's account may start servers, and if not, whose status holds it. */
    public enum Standing {
        ACTIVE,
        SUSPENDED,
        CLOSED,
        /** The account is active but its reseller is not. */
        RESELLER_SUSPENDED;

        public static Standing of(TenantStatus own, TenantStatus reseller) {
            if (own == TenantStatus.SUSPENDED) {
                return SUSPENDED;
            }
            if (own == TenantStatus.CLOSED) {
                return CLOSED;
            }
            return reseller == null || reseller == TenantStatus.ACTIVE ? ACTIVE : RESELLER_SUSPENDED;
        }
    }

    /** Every decision the server page needs, for one member looking at one server. */
    public record Decisions(boolean canStart, boolean canReboot, boolean canStop, boolean canPowerOff,
            boolean canResize, boolean canReinstall, boolean canSnapshot, boolean canRevert, boolean canDeleteSnapshot,
            boolean canDelete, boolean canEdit, boolean startHeld) {
    }

    /** What {@code role} may do to a server in {@code status} whose account stands as {@code standing}. */
    public static Decisions decide(GuestStatus status, MemberRole role, Standing standing) {
        return new Decisions(allowed(Action.START, status, role, standing),
                allowed(Action.REBOOT, status, role, standing), allowed(Action.STOP, status, role, standing),
                allowed(Action.POWER_OFF, status, role, standing), allowed(Action.RESIZE, status, role, standing),
                allowed(Action.REINSTALL, status, role, standing), allowed(Action.SNAPSHOT, status, role, standing),
                allowed(Action.REVERT, status, role, standing),
                allowed(Action.DELETE_SNAPSHOT, status, role, standing), allowed(Action.DELETE, status, role, standing),
                canChange(role),
                canChange(role) && stateRefusal(Action.START, status).isEmpty()
                        && standingRefusal(Action.START, standing).isPresent());
    }

    public static boolean allowed(Action action, GuestStatus status, MemberRole role, Standing standing) {
        return canChange(role) && refusal(action, status, standing).isEmpty();
    }

    /** Why the action is refused for the server's state or its account's standing; empty when it may go ahead. */
    public static Optional<String> refusal(Action action, GuestStatus status, Standing standing) {
        return standingRefusal(action, standing).or(() -> stateRefusal(action, status));
    }

    /** Why the account's standing refuses the action: only starting a server needs an active account. */
    public static Optional<String> standingRefusal(Action action, Standing standing) {
        if (action != Action.START || standing == Standing.ACTIVE) {
            return Optional.empty();
        }
        return Optional.of(switch (standing) {
            case RESELLER_SUSPENDED -> "Your reseller's account is suspended, so servers cannot be started. Contact "
                    + "your reseller.";
            default -> "Your account is " + standing.name().toLowerCase(Locale.ROOT) + ", so servers cannot be "
                    + "started. Settle the account or contact support to restore it.";
        });
    }

    /**
     * Why the server's state refuses the action. Start needs a stopped server; reboot, shut down and power off a
     * running one; resizes, reinstalls and snapshots a server that is running or stopped, no job working on it. A
     * server can be deleted in any state until its deletion has begun.
     */
    public static Optional<String> stateRefusal(Action action, GuestStatus status) {
        String now = "; this one is " + status.label().toLowerCase(Locale.ROOT) + ".";
        return switch (action) {
            case START -> status == GuestStatus.STOPPED ? Optional.empty()
                    : Optional.of("Only a stopped server can be started" + now);
            case REBOOT, STOP, POWER_OFF -> status == GuestStatus.RUNNING ? Optional.empty()
                    : Optional.of("Only a running server can be " + action.verb + now);
            case RESIZE, REINSTALL, SNAPSHOT, REVERT, DELETE_SNAPSHOT, BACKUP, RESTORE ->
                status == GuestStatus.RUNNING || status == GuestStatus.STOPPED ? Optional.empty()
                        : Optional.of("Only a running or stopped server can be " + action.verb + now);
            case DELETE -> status == GuestStatus.DELETING || status == GuestStatus.DELETED
                    ? Optional.of("This server is being deleted already.") : Optional.empty();
        };
    }

    private static boolean canChange(MemberRole role) {
        return role != null && role.canChange();
    }
}
