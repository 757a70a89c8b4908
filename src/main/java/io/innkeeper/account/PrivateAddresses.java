package io.innkeeper.account;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses a tenant's webhook must not reach unless the operator allows it: loopback, private, link-local (cloud
 * metadata), carrier-grade NAT, unique-local IPv6, wildcard and multicast. Otherwise any tenant could make the panel
 * call services inside the provider's network.
 */
public final class PrivateAddresses {

    private PrivateAddresses() {
    }

    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc;
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
}
