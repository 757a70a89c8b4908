package io.innkeeper.provisioning.ip;

import java.util.List;

/** An address given to a guest, with what the guest needs to configure it (its pool's DNS servers too). */
public record Address(int family, String address, int prefixLength, String gateway, List<String> dnsServers) {

    public Address {
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
    }

    public Address(int family, String address, int prefixLength, String gateway) {
        this(family, address, prefixLength, gateway, List.of());
    }

    /** For example {@code 203.0.113.7/24}. */
    public String cidr() {
        return address + "/" + prefixLength;
    }
}
