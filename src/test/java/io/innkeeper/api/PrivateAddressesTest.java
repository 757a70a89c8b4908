package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import io.innkeeper.account.PrivateAddresses;

class PrivateAddressesTest {

    @Test
    void internalAddressesArePrivateAndPublicOnesAreNot() throws UnknownHostException {
        for (String internal : new String[] { "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "224.0.0.1" }) {
            assertThat(PrivateAddresses.isPrivate(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String open : new String[] { "203.0.113.7", "198.51.100.1", "100.128.0.1", "2001:db8::1" }) {
            assertThat(PrivateAddresses.isPrivate(InetAddress.getByName(open))).as(open).isFalse();
        }
    }
}
