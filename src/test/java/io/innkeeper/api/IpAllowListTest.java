package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.innkeeper.account.IpAllowList;

class IpAllowListTest {

    @Test
    void matchesAddressesAndRangesOfBothFamilies() {
        IpAllowList list = IpAllowList.parse(List.of("198.51.100.0/22", "203.0.113.7", "2001:db8::/32"));
        assertThat(list.allows("198.51.103.255")).isTrue();
        assertThat(list.allows("198.51.104.0")).isFalse();
        assertThat(list.allows("203.0.113.7")).isTrue();
        assertThat(list.allows("203.0.113.8")).isFalse();
        assertThat(list.allows("2001:db8:ffff::1")).isTrue();
        assertThat(list.allows("2001:db9::1")).isFalse();
        assertThat(list.allows("not-an-ip")).isFalse();
        assertThat(IpAllowList.stored(list.stored()).texts()).isEqualTo(list.texts());
        assertThat(IpAllowList.any().allows("192.0.2.1")).isTrue();
    }

    @Test
    void refusesNamesAndBadRangesWithoutLookingThemUp() {
        assertThatThrownBy(() -> IpAllowList.parse(List.of("example.com"))).hasMessageContaining("example.com");
        assertThatThrownBy(() -> IpAllowList.parse(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> IpAllowList.parse(List.of("10.0.0.0/x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpAllowList.parse(List.of("999.1.1.1"))).isInstanceOf(IllegalArgumentException.class);
    }
}
