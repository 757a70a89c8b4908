package io.innkeeper.portal.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.catalog.PlanCatalog.PlanOnSale;
import io.innkeeper.kernel.Money;
import io.innkeeper.quota.Usage;

/** The form offers a plan only when the quota rule would let its order through, running limits and IPv4 included. */
class OrderOfferTest {

    /** Room left: servers, vCPU, MiB, GiB, IPv4, snapshots, running servers, running vCPU, running MiB. */
    private static Usage left(long servers, long ipv4, long runningServers, long runningVcpus) {
        return new Usage(servers, 8, 8192, 100, ipv4, 0, runningServers, runningVcpus, 8192);
    }

    private static PlanOnSale plan(int vcpus) {
        return new PlanOnSale(UUID.randomUUID(), "p", 1, "P", List.of("kvm"), vcpus, 1024, 20, 0, "", Money.of("1", "EUR"),
                Money.of("1", "EUR"));
    }

    @Test
    void offersAPlanThatFitsEveryLimit() {
        assertThat(OrderOffer.fits(left(1, 1, 1, 8), plan(2), true)).isTrue();
    }

    @Test
    void needsAnIpv4AddressOnlyWhereTheRegionHandsThemOut() {
        assertThat(OrderOffer.fits(left(1, 0, 1, 8), plan(2), true)).isFalse();
        assertThat(OrderOffer.fits(left(1, 0, 1, 8), plan(2), false)).isTrue();
    }

    @Test
    void heedsTheRunningLimitsANewServerCountsAgainst() {
        assertThat(OrderOffer.fits(left(3, 1, 0, 8), plan(2), true)).isFalse();
        assertThat(OrderOffer.fits(left(3, 1, 3, 1), plan(2), true)).isFalse();
    }

    @Test
    void refusesAPlanLargerThanWhatIsLeft() {
        assertThat(OrderOffer.fits(left(0, 1, 1, 8), plan(2), true)).isFalse();
        assertThat(OrderOffer.fits(left(1, 1, 1, 8), plan(9), true)).isFalse();
    }
}
