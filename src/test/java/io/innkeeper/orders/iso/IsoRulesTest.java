package io.innkeeper.orders.iso;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.innkeeper.orders.ServerActions.Standing;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.tenancy.MemberRole;

class IsoRulesTest {

    @Test
    void memberOfAnActiveAccountChangesARunningOrStoppedVm() {
        assertThat(IsoRules.refusal(MemberRole.MEMBER, Standing.ACTIVE, "kvm", GuestStatus.RUNNING)).isEmpty();
        assertThat(IsoRules.refusal(MemberRole.OWNER, Standing.ACTIVE, "kvm", GuestStatus.STOPPED)).isEmpty();
    }

    @Test
    void readOnlyMemberIsRefusedFirst() {
        assertThat(IsoRules.refusal(MemberRole.READ_ONLY, Standing.SUSPENDED, "lxc", GuestStatus.RUNNING))
                .contains(IsoRules.READ_ONLY);
        assertThat(IsoRules.refusal(null, Standing.ACTIVE, "kvm", GuestStatus.RUNNING)).contains(IsoRules.READ_ONLY);
    }

    @Test
    void suspendedClosedOrResellerSuspendedAccountsAreRefused() {
        assertThat(IsoRules.refusal(MemberRole.OWNER, Standing.SUSPENDED, "kvm", GuestStatus.RUNNING).orElseThrow())
                .contains("suspended");
        assertThat(IsoRules.refusal(MemberRole.OWNER, Standing.CLOSED, "kvm", GuestStatus.RUNNING).orElseThrow())
                .contains("closed");
        assertThat(IsoRules.refusal(MemberRole.OWNER, Standing.RESELLER_SUSPENDED, "kvm", GuestStatus.RUNNING)
                .orElseThrow()).contains("reseller");
    }

    @Test
    void containersHaveNoDriveAndBusyServersWait() {
        assertThat(IsoRules.refusal(MemberRole.OWNER, Standing.ACTIVE, "lxc", GuestStatus.RUNNING).orElseThrow())
                .contains("Containers").contains("no CD-ROM drive");
        assertThat(IsoRules.refusal(MemberRole.OWNER, Standing.ACTIVE, "openvz", GuestStatus.STOPPED)).isPresent();
        assertThat(IsoRules.refusal(MemberRole.OWNER, Standing.ACTIVE, "kvm", GuestStatus.RESIZING).orElseThrow())
                .contains("resizing");
    }
}
