package io.innkeeper.orders.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.innkeeper.orders.ServerActions.Standing;
import io.innkeeper.tenancy.MemberRole;

class RescueRulesTest {

    @Test
    void membersWhoMayChangeAnActiveAccountMay() {
        for (MemberRole role : MemberRole.values()) {
            assertThat(RescueRules.refusal(role, Standing.ACTIVE).isEmpty()).as(role.name()).isEqualTo(role.canChange());
        }
    }

    @Test
    void readOnlyMembersAndAccountsNotInGoodStandingMayNot() {
        assertThat(RescueRules.refusal(MemberRole.READ_ONLY, Standing.ACTIVE)).hasValue(RescueRules.READ_ONLY);
        assertThat(RescueRules.refusal(null, Standing.ACTIVE)).hasValue(RescueRules.READ_ONLY);
        assertThat(RescueRules.refusal(MemberRole.OWNER, Standing.SUSPENDED)).hasValueSatisfying(
                why -> assertThat(why).contains("suspended"));
        assertThat(RescueRules.refusal(MemberRole.OWNER, Standing.CLOSED)).hasValueSatisfying(
                why -> assertThat(why).contains("closed"));
        assertThat(RescueRules.refusal(MemberRole.OWNER, Standing.RESELLER_SUSPENDED)).hasValueSatisfying(
                why -> assertThat(why).contains("reseller"));
    }

    @Test
    void passwordsAreLongRandomAndEasyToType() {
        String one = ServerRescue.newPassword();
        assertThat(one).hasSize(ServerRescue.PASSWORD_LENGTH).matches("[a-km-zA-HJ-NP-Z2-9]+");
        assertThat(ServerRescue.newPassword()).isNotEqualTo(one);
    }
}
