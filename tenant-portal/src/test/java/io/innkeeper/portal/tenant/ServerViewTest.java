package io.innkeeper.portal.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.orders.ServerActions;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.tenancy.MemberRole;

class ServerViewTest {

    static final Address NAMED = new Address(4, "198.51.100.7", 22, "198.51.100.1");
    static final Address UNNAMED = new Address(6, "2001:db8::7", 64, "2001:db8::1");

    static ServerView view(GuestStatus status, Map<String, String> reverseDns) {
        return new ServerView(null, status, ServerActions.decide(status, MemberRole.READ_ONLY,
                ServerActions.Standing.ACTIVE), List.of(NAMED, UNNAMED), reverseDns, List.of(), List.of(), List.of(),
                List.of(), List.of(), UsageHistory.Range.DAY, new FieldErrors(), null, "", null);
    }

    @Test
    void readOnlyCellShowsTheDefaultForAnAddressWithoutAName() {
        ServerView view = view(GuestStatus.RUNNING, Map.of(NAMED.address(), "mail.example.com"));
        assertThat(view.ptrShown(NAMED)).isEqualTo("mail.example.com");
        assertThat(view.ptrShown(UNNAMED)).isEqualTo("default");
        assertThat(view.ptr(UNNAMED)).isEmpty();
    }

    @Test
    void saysWhyAChangeWaits() {
        assertThat(view(GuestStatus.REBOOTING, Map.of()).resizeRefusal())
                .isEqualTo("Only a running or stopped server can be resized; this one is rebooting.");
        assertThat(view(GuestStatus.STOPPED, Map.of()).reinstallRefusal()).isEmpty();
        assertThat(view(GuestStatus.STOPPING, Map.of()).busy()).isTrue();
        assertThat(view(GuestStatus.FAILED, Map.of()).statusLabel()).isEqualTo("Provisioning failed");
    }
}
