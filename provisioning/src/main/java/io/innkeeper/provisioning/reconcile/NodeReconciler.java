package io.innkeeper.provisioning.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.innkeeper.provisioning.HypervisorDrivers;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.HypervisorDriver;
import io.innkeeper.provisioning.driver.NodeInventory;
import io.innkeeper.provisioning.reconcile.InventoryDiff.Drift;
import io.innkeeper.provisioning.reconcile.NodeGuests.NodeRef;

/**
 * Compares one node with the database, matching guests by the UUID the panel gave them: fixes power-state drift,
 * sets guests the node lost to ERROR, reports domains it does not know, and tracks whether the node answers.
 * It never deletes, starts or stops anything on the node.
 */
@ApplicationScoped
public class NodeReconciler {

    private static final Logger LOG = Logger.getLogger(NodeReconciler.class);

    @Inject
    HypervisorDrivers drivers;

    @Inject
    NodeGuests nodes;

    @Inject
    GuestCorrections corrections;

    @Inject
    Findings findings;

    /** Reconciles the node now and answers what it found. Callers make sure no other replica does it at once. */
    public List<Finding> reconcile(UUID nodeId) {
        NodeRef node = nodes.node(nodeId).orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
        HypervisorDriver driver;
        NodeInventory inventory;
        try {
            driver = drivers.forNode(node.guestType(), node.settings());
            inventory = driver.listGuests();
        } catch (DriverException | IllegalArgumentException e) {
            // Any failure to list counts: a node the panel cannot list is one it cannot manage.
            Finding down = Finding.unreachable(e.getClass().getSimpleName() + ": " + e.getMessage());
            findings.unreachable(nodeId, down);
            LOG.warnf("node %s did not answer: %s", node.name(), down.detail());
            return List.of(down);
        }
        InventoryDiff.Result diff = InventoryDiff.compare(inventory, nodes.liveGuests(nodeId));
        List<Finding> found = new ArrayList<>();
        for (Drift drift : diff.drifts()) {
            corrections.fixDrift(nodeId, drift, driver).ifPresent(found::add);
        }
        for (UUID guestId : diff.missing()) {
            corrections.markMissing(nodeId, guestId, driver).ifPresent(found::add);
        }
        found.addAll(diff.unknown());
        findings.answered(nodeId, found);
        found.stream().filter(f -> f.kind() != FindingKind.UNKNOWN_ON_HOST)
                .forEach(f -> LOG.infof("node %s: %s %s: %s", node.name(), f.kind(), f.guestId(), f.detail()));
        return found;
    }
}
