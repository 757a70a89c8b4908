package io.innkeeper.provisioning.reconcile;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.node.NodeState;
import io.innkeeper.provisioning.node.Region;

/** Nodes of the reconciler's own tests, each in a region of its own so that no order is ever placed on them. */
@ApplicationScoped
public class TestNodes {

    @Transactional
    public UUID create(String libvirtUri, NodeState state) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Region region = new Region();
        region.id = UUID.randomUUID();
        region.code = "rec-" + suffix;
        region.name = "Reconciler test " + suffix;
        region.persist();
        Node node = new Node();
        node.id = UUID.randomUUID();
        node.region = region;
        node.name = "rec-node-" + suffix;
        node.guestType = "kvm";
        node.libvirtUri = libvirtUri;
        node.vcpus = 4;
        node.memoryMib = 8192;
        node.diskGib = 100;
        node.state = state;
        node.createdAt = Instant.now();
        node.persist();
        return node.id;
    }

    @Transactional
    public void setUri(UUID nodeId, String libvirtUri) {
        Node.<Node>findById(nodeId).libvirtUri = libvirtUri;
    }

    @Transactional
    public NodeState state(UUID nodeId) {
        return Node.<Node>findById(nodeId).state;
    }
}
