package io.innkeeper.provisioning.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesIpv4NetworkAndCountsAddresses() {
        IpPools.Cidr cidr = IpPools.Cidr.parse("203.0.113.0/24", 4);
        assertThat(cidr.size()).isEqualTo(256);
        assertThat(cidr.contains("203.0.113.1")).isTrue();
        assertThat(cidr.contains("203.0.114.1")).isFalse();
        assertThat(cidr.toString()).isEqualTo("203.0.113.0/24");
    }

    @Test
    void parsesIpv6PrefixAndNumbersHosts() {
        IpPools.Cidr cidr = IpPools.Cidr.parse("2001:db8:100::/48", 6);
        assertThat(cidr.contains("2001:db8:100::1")).isTrue();
        assertThat(cidr.contains("2001:db8:101::1")).isFalse();
        assertThat(cidr.host(BigInteger.valueOf(5))).isEqualTo("2001:db8:100:0:0:0:0:5");
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> IpPools.Cidr.parse("203.0.113.5/24", 4)).hasMessageContaining("did you mean 203.0.113.0/24");
        assertThatThrownBy(() -> IpPools.Cidr.parse("203.0.113.0", 4)).hasMessageContaining("address/prefix");
        assertThatThrownBy(() -> IpPools.Cidr.parse("2001:db8::/48", 4)).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> IpPools.Cidr.parse("example.com/24", 4)).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> IpPools.Cidr.parse("10.0.0.0/40", 4)).hasMessageContaining("between 8 and 32");
    }
}
