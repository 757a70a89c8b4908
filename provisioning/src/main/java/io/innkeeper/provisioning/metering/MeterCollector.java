package io.innkeeper.provisioning.metering;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.innkeeper.provisioning.HypervisorDrivers;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestStats;
import io.innkeeper.provisioning.reconcile.NodeGuests;
import io.innkeeper.provisioning.reconcile.NodeGuests.NodeRef;

/**
 * Samples one node's guest counters for billing. The node is called outside any transaction; a node that does
 * not answer gives no samples, and its next sample's deltas cover the gap.
 */
@ApplicationScoped
public class MeterCollector {

    private static final Logger LOG = Logger.getLogger(MeterCollector.class);

    @Inject
    HypervisorDrivers drivers;

    @Inject
    NodeGuests nodes;

    @Inject
    MeterStore store;

    @Inject
    Clock clock;

    /** Samples the node now and answers how many samples it stored. Callers keep other replicas out. */
    public int collect(UUID nodeId) {
        NodeRef node = nodes.node(nodeId).orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
        List<GuestStats> readings;
        try {
            readings = drivers.forNode(node.guestType(), node.settings()).bulkStats();
        } catch (DriverException | IllegalArgumentException e) {
            // The reconciler reports unreachable nodes; here it only means no sample this time.
            LOG.debugf("no meter readings from node %s: %s", node.name(), e.getMessage());
            return 0;
        }
        return store.record(nodeId, clock.instant(), readings);
    }
}
