package io.innkeeper.provisioning.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.libvirt.LibvirtConnections;
import io.innkeeper.provisioning.node.NodeState;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The reconciler against libvirt's test driver, whose state all test classes share: assertions look only at this
 * class's own guests and nodes, and at the driver's built-in domain "test".
 */
@QuarkusTest
class NodeReconcilerTest {

    private static final String HOST = "test:///default";

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    TestNodes nodes;

    @Inject
    NodeReconciler reconciler;

    @Inject
    Findings findings;

    @Inject
    LibvirtConnections libvirt;

    @Inject
    GuestChanges changes;

    Fixtures.Catalog catalog;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
    }

    private UUID runningServer() {
        UUID id = servers.order(fixtures.customer("reconcile-tester"), catalog, Fixtures.hostname("rec"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(id) == GuestStatus.RUNNING);
        return id;
    }

    private void behindThePanel(UUID guestId, boolean undefine) {
        libvirt.with(HOST, c -> {
            Domain domain = c.domainLookupByUUID(guestId);
            try {
                domain.destroy();
                if (undefine) {
                    domain.undefine();
                }
            } finally {
                domain.free();
            }
            return null;
        });
    }

    private List<Findings.Recorded> findingsAbout(UUID nodeId, UUID guestId) {
        return findings.forNode(nodeId).stream().filter(r -> guestId.equals(r.finding().guestId())).toList();
    }

    @Test
    void correctsAGuestStoppedBehindThePanel() {
        UUID id = runningServer();
        behindThePanel(id, false);

        List<Finding> found = reconciler.reconcile(catalog.node());

        assertThat(servers.status(id)).isEqualTo(GuestStatus.STOPPED);
        assertThat(changes.of(id)).endsWith(GuestStatus.STOPPED);
        assertThat(found).filteredOn(f -> id.equals(f.guestId())).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FindingKind.DRIFT_FIXED));
        assertThat(findingsAbout(catalog.node(), id)).singleElement()
                .satisfies(r -> assertThat(r.finding().detail()).contains("SHUT_OFF", "RUNNING", "STOPPED"));
    }

    @Test
    void reportsAGuestUndefinedBehindThePanelAsMissingAndKeepsIt() {
        UUID id = runningServer();
        behindThePanel(id, true);

        reconciler.reconcile(catalog.node());

        assertThat(servers.status(id)).as("kept, not deleted").isEqualTo(GuestStatus.ERROR);
        assertThat(changes.of(id)).endsWith(GuestStatus.ERROR);
        Findings.Recorded first = findingsAbout(catalog.node(), id).getFirst();
        assertThat(first.finding().kind()).isEqualTo(FindingKind.MISSING_ON_HOST);

        reconciler.reconcile(catalog.node());

        assertThat(servers.status(id)).isEqualTo(GuestStatus.ERROR);
        assertThat(findingsAbout(catalog.node(), id)).singleElement().satisfies(again -> {
            assertThat(again.finding().kind()).isEqualTo(FindingKind.MISSING_ON_HOST);
            assertThat(again.firstSeen()).as("first sighting kept").isEqualTo(first.firstSeen());
            assertThat(again.lastSeen()).isAfter(first.lastSeen());
        });
    }

    @Test
    void reportsTheBuiltInTestDomainAsUnknownAndLeavesItRunning() {
        int activeBefore = libvirt.with(HOST, c -> active(c.domainLookupByName("test")));

        reconciler.reconcile(catalog.node());

        assertThat(findings.forNode(catalog.node())).map(Findings.Recorded::finding)
                .filteredOn(f -> "test".equals(f.domainName())).singleElement().satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKind.UNKNOWN_ON_HOST);
                    assertThat(f.domainUuid()).isNotNull();
                    assertThat(f.powerState()).isNotNull();
                });
        int activeAfter = libvirt.with(HOST, c -> active(c.domainLookupByName("test")));
        assertThat(activeAfter).isEqualTo(activeBefore);
    }

    private static int active(Domain domain) throws org.libvirt.LibvirtException {
        try {
            return domain.isActive();
        } finally {
            domain.free();
        }
    }

    @Test
    void marksANodeThatDoesNotAnswerOfflineAndActiveWhenItAnswersAgain() {
        UUID node = nodes.create("test:///nonexistent/node.xml", NodeState.ACTIVE);

        reconciler.reconcile(node);

        assertThat(nodes.state(node)).isEqualTo(NodeState.OFFLINE);
        Findings.Recorded down = findings.forNode(node).getFirst();
        assertThat(down.finding().kind()).isEqualTo(FindingKind.NODE_UNREACHABLE);
        assertThat(down.finding().detail()).contains("nonexistent");

        reconciler.reconcile(node);

        assertThat(findings.forNode(node)).singleElement()
                .satisfies(r -> assertThat(r.firstSeen()).as("down since").isEqualTo(down.firstSeen()));

        nodes.setUri(node, HOST);
        reconciler.reconcile(node);

        assertThat(nodes.state(node)).isEqualTo(NodeState.ACTIVE);
        assertThat(findings.forNode(node)).map(r -> r.finding().kind())
                .doesNotContain(FindingKind.NODE_UNREACHABLE);
    }

    @Test
    void keepsANodeInMaintenanceWhetherItAnswersOrNot() {
        UUID node = nodes.create("test:///nonexistent/node.xml", NodeState.MAINTENANCE);

        reconciler.reconcile(node);

        assertThat(nodes.state(node)).isEqualTo(NodeState.MAINTENANCE);
        assertThat(findings.forNode(node)).map(r -> r.finding().kind()).containsExactly(FindingKind.NODE_UNREACHABLE);

        nodes.setUri(node, HOST);
        reconciler.reconcile(node);

        assertThat(nodes.state(node)).isEqualTo(NodeState.MAINTENANCE);
    }
}
