package io.innkeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 5952's canonical text, with its own examples where it gives them. */
class IpTextTest {

    @Test
    void loopbackAndUnspecifiedAreShortest() {
        assertThat(IpText.canonical("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(IpText.canonical("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(IpText.canonical("::1")).isEqualTo("::1");
    }

    @Test
    void compressesTheLongestRunOfZeroGroupsAndDropsLeadingZeros() {
        assertThat(IpText.canonical("2001:0db8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
        assertThat(IpText.canonical("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpText.canonical("2001:db8:0:0:0:0:2:1")).isEqualTo("2001:db8::2:1");
        assertThat(IpText.canonical("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
        assertThat(IpText.canonical("1:0:0:0:0:0:0:0")).isEqualTo("1::");
    }

    @Test
    void aSingleZeroGroupStays() {
        assertThat(IpText.canonical("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
    }

    @Test
    void hexIsLowerCaseAndTheZoneIsKept() {
        assertThat(IpText.canonical("2001:DB8::ABCD")).isEqualTo("2001:db8::abcd");
        assertThat(IpText.canonical("fe80:0:0:0:0:0:0:1%eth0")).isEqualTo("fe80::1%eth0");
    }

    @Test
    void otherTextIsLeftAsItIs() {
        assertThat(IpText.canonical("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(IpText.canonical("example.com")).isEqualTo("example.com");
        assertThat(IpText.canonical("not:an:address:zz")).isEqualTo("not:an:address:zz");
        assertThat(IpText.canonical("1:2:3")).isEqualTo("1:2:3");
        assertThat(IpText.canonical(null)).isNull();
        assertThat(IpText.canonical("")).isEmpty();
    }
}
