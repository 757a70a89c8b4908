package io.innkeeper.provisioning.ip;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import io.innkeeper.provisioning.node.Region;

/** An IPv4 range or IPv6 prefix of a region, with its gateway. */
@Entity
@Table(name = "ip_pool")
public class IpPool extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    public Region region;

    /** 4 or 6. */
    public int family;

    /** The network in CIDR notation, for example {@code 203.0.113.0/24}. */
    @Column(columnDefinition = "cidr", insertable = false, updatable = false)
    public String network;

    @Column(columnDefinition = "inet", insertable = false, updatable = false)
    public String gateway;

    /** What admins call the pool; null shows the network instead. */
    public String name;

    /** The DNS servers guests of this pool are told to use, comma-separated; empty for none. */
    @Column(name = "dns_servers")
    public String dnsServers = "";

    @Column(name = "created_at")
    public Instant createdAt;
}
