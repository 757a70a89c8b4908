package io.innkeeper.provisioning.ip;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The IPv6 allocator's arithmetic: every address it hands out is inside its prefix and none is the gateway. */
class Ipv6AllocatorTest {

    /** Every address the allocator hands out from a new pool (which starts having passed index 1), in order. */
    static List<String> drain(IpPools.Cidr cidr, String gateway) {
        List<String> handed = new ArrayList<>();
        BigInteger last = BigInteger.ONE;
        for (int i = 0; i < 1000; i++) {
            Optional<BigInteger> next = cidr.nextHost(last, cidr.index(gateway));
            if (next.isEmpty()) {
                return handed;
            }
            handed.add(cidr.host(next.get()));
            last = next.get();
        }
        throw new AssertionError("the allocator never ran out in " + cidr);
    }

    @Test
    void smallPrefixIsHandedOutInsideItThenRunsOut() {
        IpPools.Cidr cidr = IpPools.Cidr.parse("2001:db8::/126", 6);
        List<String> handed = drain(cidr, "2001:db8::1");
        assertThat(handed).containsExactly("2001:db8:0:0:0:0:0:2", "2001:db8:0:0:0:0:0:3");
        assertThat(handed).allMatch(cidr::contains);
        assertThat(cidr.nextHost(BigInteger.valueOf(3), BigInteger.ONE)).isEmpty();
        assertThat(cidr.nextHost(BigInteger.valueOf(3_000), BigInteger.ONE)).isEmpty();
    }

    @Test
    void gatewayInsideTheRangeIsSkipped() {
        IpPools.Cidr cidr = IpPools.Cidr.parse("2001:db8:5::/125", 6);
        List<String> handed = drain(cidr, "2001:db8:5::4");
        assertThat(handed).containsExactly("2001:db8:5:0:0:0:0:2", "2001:db8:5:0:0:0:0:3", "2001:db8:5:0:0:0:0:5",
                "2001:db8:5:0:0:0:0:6", "2001:db8:5:0:0:0:0:7");
        assertThat(handed).allMatch(cidr::contains).doesNotContain("2001:db8:5:0:0:0:0:4");
    }

    @Test
    void gatewayAtTheEndLeavesNothingPastIt() {
        IpPools.Cidr cidr = IpPools.Cidr.parse("2001:db8:7::/126", 6);
        assertThat(drain(cidr, "2001:db8:7::3")).containsExactly("2001:db8:7:0:0:0:0:2");
    }

    @Test
    void neverHandsOutTheNetworksOwnAddress() {
        IpPools.Cidr cidr = IpPools.Cidr.parse("2001:db8::/126", 6);
        assertThat(cidr.nextHost(BigInteger.valueOf(-1), null)).hasValue(BigInteger.ONE);
        assertThat(cidr.nextHost(BigInteger.ZERO, BigInteger.ONE)).hasValue(BigInteger.TWO);
    }
}
