package io.innkeeper.provisioning.reconcile;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.provisioning.driver.NodeSettings;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.JobState;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.reconcile.InventoryDiff.KnownGuest;

/** Short reads of a node and its guests, each in its own transaction, taken before or after calling the node. */
@ApplicationScoped
public class NodeGuests {

    /** What it takes to reach a node. */
    public record NodeRef(UUID id, String name, String guestType, NodeSettings settings) {
    }

    @Inject
    EntityManager em;

    @Transactional(TxType.REQUIRES_NEW)
    public Optional<NodeRef> node(UUID nodeId) {
        Node node = em.find(Node.class, nodeId);
        return Optional.ofNullable(node).map(n -> new NodeRef(n.id, n.name, n.guestType, n.settings()));
    }

    /** The guests that hold a place on the node ({@link GuestStatus#isLive()}), and whether a job is open on each. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<KnownGuest> liveGuests(UUID nodeId) {
        return em.createQuery("""
                select new io.innkeeper.provisioning.reconcile.NodeGuests$LiveGuest(g.id, g.status,
                       (select count(j) from Job j where j.guestId = g.id and j.state in (:open)))
                from Guest g where g.node.id = :node and g.status in (:live)
                """, LiveGuest.class)
                .setParameter("node", nodeId)
                .setParameter("live", GuestStatus.live())
                .setParameter("open", List.of(JobState.QUEUED, JobState.RUNNING))
                .getResultStream()
                .map(g -> new KnownGuest(g.id(), g.status(), g.openJobs() > 0))
                .toList();
    }

    /** A live guest of the node and how many jobs are open on it. */
    public record LiveGuest(UUID id, GuestStatus status, Long openJobs) {
    }
}
