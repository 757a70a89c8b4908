package io.innkeeper.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TenantViewTest {

    @Test
    void anActiveTenantCanBeSuspendedAndClosedButNotLifted() {
        Tenants.TenantView active = view(TenantKind.CUSTOMER, TenantStatus.ACTIVE);
        assertThat(active.canSuspend()).isTrue();
        assertThat(active.canUnsuspend()).isFalse();
        assertThat(active.canClose()).isTrue();
    }

    @Test
    void aSuspendedTenantCanBeLiftedOrClosed() {
        Tenants.TenantView suspended = view(TenantKind.RESELLER, TenantStatus.SUSPENDED);
        assertThat(suspended.canSuspend()).isFalse();
        assertThat(suspended.canUnsuspend()).isTrue();
        assertThat(suspended.canClose()).isTrue();
        assertThat(suspended.isReseller()).isTrue();
    }

    @Test
    void aClosedTenantOffersNothing() {
        Tenants.TenantView closed = view(TenantKind.CUSTOMER, TenantStatus.CLOSED);
        assertThat(closed.canSuspend()).isFalse();
        assertThat(closed.canUnsuspend()).isFalse();
        assertThat(closed.canClose()).isFalse();
        assertThat(closed.isReseller()).isFalse();
    }

    private static Tenants.TenantView view(TenantKind kind, TenantStatus status) {
        return new Tenants.TenantView(UUID.randomUUID(), "Acme", kind, status, null, null, null, null, "EUR",
                "Europe/Berlin", Instant.EPOCH, "DE");
    }
}
