package io.innkeeper.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.innkeeper.orders.ServerActions.Action;
import io.innkeeper.orders.ServerActions.Decisions;
import io.innkeeper.orders.ServerActions.Standing;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.TenantStatus;

class ServerActionsTest {

    @Test
    void powerActionsStartFromTheirOneState() {
        for (GuestStatus status : GuestStatus.values()) {
            assertThat(ServerActions.allowed(Action.START, status, MemberRole.MEMBER, Standing.ACTIVE))
                    .as("start %s", status).isEqualTo(status == GuestStatus.STOPPED);
            for (Action action : EnumSet.of(Action.REBOOT, Action.STOP, Action.POWER_OFF)) {
                assertThat(ServerActions.allowed(action, status, MemberRole.MEMBER, Standing.ACTIVE))
                        .as("%s %s", action, status).isEqualTo(status == GuestStatus.RUNNING);
            }
        }
    }

    @Test
    void changesNeedARunningOrStoppedServer() {
        Set<GuestStatus> idle = EnumSet.of(GuestStatus.RUNNING, GuestStatus.STOPPED);
        for (GuestStatus status : GuestStatus.values()) {
            for (Action action : EnumSet.of(Action.RESIZE, Action.REINSTALL, Action.SNAPSHOT, Action.REVERT,
                    Action.DELETE_SNAPSHOT)) {
                assertThat(ServerActions.allowed(action, status, MemberRole.OWNER, Standing.ACTIVE))
                        .as("%s %s", action, status).isEqualTo(idle.contains(status));
            }
        }
        assertThat(ServerActions.stateRefusal(Action.RESIZE, GuestStatus.STOPPING))
                .hasValue("Only a running or stopped server can be resized; this one is stopping.");
    }

    @Test
    void aServerCanBeDeletedUntilItsDeletionBegins() {
        for (GuestStatus status : GuestStatus.values()) {
            assertThat(ServerActions.allowed(Action.DELETE, status, MemberRole.MEMBER, Standing.SUSPENDED))
                    .as("delete %s", status)
                    .isEqualTo(status != GuestStatus.DELETING && status != GuestStatus.DELETED);
        }
        assertThat(ServerActions.decide(GuestStatus.FAILED, MemberRole.MEMBER, Standing.ACTIVE).canDelete()).isTrue();
    }

    @Test
    void readOnlyMemberMayDoNothing() {
        for (GuestStatus status : GuestStatus.values()) {
            assertThat(ServerActions.decide(status, MemberRole.READ_ONLY, Standing.ACTIVE)).isEqualTo(
                    new Decisions(false, false, false, false, false, false, false, false, false, false, false,
                            false));
            assertThat(ServerActions.decide(status, null, Standing.ACTIVE).canEdit()).isFalse();
        }
        assertThat(ServerActions.decide(GuestStatus.RUNNING, MemberRole.MEMBER, Standing.ACTIVE).canEdit()).isTrue();
    }

    @Test
    void anAccountThatIsNotActiveCannotStartButMayStopAndChange() {
        for (Standing standing : EnumSet.complementOf(EnumSet.of(Standing.ACTIVE))) {
            Decisions stopped = ServerActions.decide(GuestStatus.STOPPED, MemberRole.OWNER, standing);
            assertThat(stopped.canStart()).isFalse();
            assertThat(stopped.startHeld()).isTrue();
            assertThat(stopped.canResize()).isTrue();
            Decisions running = ServerActions.decide(GuestStatus.RUNNING, MemberRole.OWNER, standing);
            assertThat(running.canStop()).isTrue();
            assertThat(running.startHeld()).isFalse();
        }
        assertThat(ServerActions.decide(GuestStatus.STOPPED, MemberRole.OWNER, Standing.ACTIVE).startHeld())
                .isFalse();
        assertThat(ServerActions.decide(GuestStatus.STOPPED, MemberRole.READ_ONLY, Standing.SUSPENDED).startHeld())
                .isFalse();
    }

    @Test
    void standingComesFromTheAccountAndItsReseller() {
        assertThat(Standing.of(TenantStatus.ACTIVE, null)).isEqualTo(Standing.ACTIVE);
        assertThat(Standing.of(TenantStatus.ACTIVE, TenantStatus.ACTIVE)).isEqualTo(Standing.ACTIVE);
        assertThat(Standing.of(TenantStatus.ACTIVE, TenantStatus.SUSPENDED)).isEqualTo(Standing.RESELLER_SUSPENDED);
        assertThat(Standing.of(TenantStatus.SUSPENDED, TenantStatus.SUSPENDED)).isEqualTo(Standing.SUSPENDED);
        assertThat(Standing.of(TenantStatus.CLOSED, null)).isEqualTo(Standing.CLOSED);
        assertThat(ServerActions.refusal(Action.START, GuestStatus.STOPPED, Standing.RESELLER_SUSPENDED))
                .hasValue("Your reseller's account is suspended, so servers cannot be started. Contact your "
                        + "reseller.");
        assertThat(ServerActions.refusal(Action.START, GuestStatus.RUNNING, Standing.ACTIVE))
                .hasValue("Only a stopped server can be started; this one is running.");
    }
}
