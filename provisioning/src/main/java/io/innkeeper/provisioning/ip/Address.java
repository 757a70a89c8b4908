package io.innkeeper.provisioning.ip;

/** An address given to a guest, with what the guest needs to configure it. */
public record Address(int family, String address, int prefixLength, String gateway) {

    /** For example {@code 203.0.113.7/24}. */
    public String cidr() {
        return address + "/" + prefixLength;
    }
}
