package io.innkeeper.provisioning.driver;

/**
 * Makes drivers for one kind of node. Factories are CDI beans, found at build time; {@link #id()} is the guest
 * type a node declares ({@code kvm}, {@code xen}, {@code lxc}, {@code openvz}).
 */
public interface HypervisorDriverFactory {

    String id();

    /** Checks the node's settings before they are stored; throws {@link IllegalArgumentException} naming the problem. */
    void validate(NodeSettings settings);

    HypervisorDriver create(NodeSettings settings);
}
