package io.innkeeper.provisioning.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.OrderService;
import io.innkeeper.provisioning.HypervisorDrivers;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.NodeSettings;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * Offline migration between two nodes, each its own libvirt test-driver host (a node file per host), through the
 * real services and job worker.
 */
@QuarkusTest
class MigrationsTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final String NODE_XML = """
            <node>
              <cpu><mhz>2000</mhz><model>x86_64</model><active>8</active><nodes>1</nodes><sockets>1</sockets>
                <cores>8</cores><threads>1</threads></cpu>
              <memory>16777216</memory>
            </node>
            """;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    OrderService orders;

    @Inject
    QuotaService quotas;

    @Inject
    Migrations migrations;

    @Inject
    HypervisorDrivers drivers;

    @Inject
    EntityManager em;

    private UUID region;
    private UUID nodeA;
    private UUID nodeB;
    private Fixtures.Catalog catalog;
    private UUID tenant;

    @BeforeEach
    void twoHosts() throws IOException {
        catalog = fixtures.catalog();
        Path dir = Files.createTempDirectory("ik-migrate");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        region = region("mig-" + tag);
        // B starts in maintenance, so orders land on A.
        nodeA = node(region, "mig-a-" + tag, host(dir, "a.xml"), 8, 8192, NodeState.ACTIVE);
        nodeB = node(region, "mig-b-" + tag, host(dir, "b.xml"), 8, 8192, NodeState.MAINTENANCE);
        tenant = fixtures.customer("migrate-" + tag);
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(10, 10, 100_000, 1000, 0, 10, null, null, null));
    }

    @Test
    void movesARunningGuestAndItRunsOnlyOnTheNewHost() {
        UUID server = order("mig-run");
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
        assertThat(nodeOf(server)).isEqualTo(nodeA);
        setState(nodeB, NodeState.ACTIVE);

        migrations.migrate(server, nodeB);

        assertThat(servers.status(server)).isEqualTo(GuestStatus.MIGRATING);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
        assertThat(nodeOf(server)).isEqualTo(nodeB);
        assertThat(power(nodeB, server)).isEqualTo(PowerState.RUNNING);
        assertThatThrownBy(() -> power(nodeA, server)).isInstanceOf(DriverException.NotFoundOnHost.class);
    }

    @Test
    void aStoppedGuestStaysStoppedAndMaintenanceEmptiesTheNode() {
        UUID running = order("mig-ev1");
        UUID stopped = order("mig-ev2");
        await().atMost(SETTLE).until(() -> servers.status(running) == GuestStatus.RUNNING
                && servers.status(stopped) == GuestStatus.RUNNING);
        orders.power(Actor.SYSTEM, Scope.of(tenant), stopped, OrderService.Power.POWER_OFF);
        await().atMost(SETTLE).until(() -> servers.status(stopped) == GuestStatus.STOPPED);

        assertThatThrownBy(() -> migrations.evacuate(nodeA)).hasMessageContaining("in maintenance first");
        setState(nodeB, NodeState.ACTIVE);
        setState(nodeA, NodeState.MAINTENANCE);
        List<UUID> moved = migrations.evacuate(nodeA);

        assertThat(moved).containsExactlyInAnyOrder(running, stopped);
        await().atMost(SETTLE).until(() -> servers.status(running) == GuestStatus.RUNNING
                && servers.status(stopped) == GuestStatus.STOPPED);
        assertThat(power(nodeB, running)).isEqualTo(PowerState.RUNNING);
        assertThat(power(nodeB, stopped)).isEqualTo(PowerState.SHUT_OFF);
        assertThat(nodeOf(running)).isEqualTo(nodeB);
        assertThat(nodeOf(stopped)).isEqualTo(nodeB);
    }

    @Test
    void guestsThatFindNoRoomStayAndTheOthersMove() {
        UUID first = order("mig-full1");
        UUID second = order("mig-full2");
        await().atMost(SETTLE).until(() -> servers.status(first) == GuestStatus.RUNNING
                && servers.status(second) == GuestStatus.RUNNING);
        setMemory(nodeB, 700);
        setState(nodeB, NodeState.ACTIVE);
        setState(nodeA, NodeState.MAINTENANCE);

        List<UUID> moved = migrations.evacuate(nodeA);

        assertThat(moved).hasSize(1);
        UUID stays = moved.contains(first) ? second : first;
        await().atMost(SETTLE).until(() -> servers.status(moved.get(0)) == GuestStatus.RUNNING);
        assertThat(nodeOf(moved.get(0))).isEqualTo(nodeB);
        assertThat(nodeOf(stays)).isEqualTo(nodeA);
        assertThat(servers.status(stays)).isEqualTo(GuestStatus.RUNNING);
    }

    @Test
    void refusesATargetWithoutRoomOrOfAnotherKind() {
        UUID server = order("mig-no");
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);

        assertThatThrownBy(() -> migrations.migrate(server, nodeA)).hasMessageContaining("already runs on");
        assertThatThrownBy(() -> migrations.migrate(server, nodeB)).hasMessageContaining("is not taking guests");
        setState(nodeB, NodeState.ACTIVE);
        shrink(nodeB);
        assertThatThrownBy(() -> migrations.migrate(server, nodeB)).isInstanceOf(NoCapacity.class);
        assertThatThrownBy(() -> migrations.migrate(server, catalog.node()))
                .hasMessageContaining("is not a kvm host in the same region");
        assertThat(servers.status(server)).isEqualTo(GuestStatus.RUNNING);
        assertThat(nodeOf(server)).isEqualTo(nodeA);
    }

    private UUID order(String name) {
        return orders.order(Actor.SYSTEM, Scope.of(tenant), new OrderRequest(Fixtures.hostname(name),
                region.toString(), catalog.plan().toString(), catalog.template().toString())).server().id;
    }

    private PowerState power(UUID node, UUID guest) {
        return drivers.forNode("kvm", new NodeSettings(uri(node))).powerState(guest);
    }

    private static String host(Path dir, String file) throws IOException {
        Path path = dir.resolve(file);
        Files.writeString(path, NODE_XML);
        return "test://" + path.toAbsolutePath();
    }

    @Transactional
    UUID region(String code) {
        Region r = new Region();
        r.id = UUID.randomUUID();
        r.code = code;
        r.name = "Migration " + code;
        r.persist();
        return r.id;
    }

    @Transactional
    UUID node(UUID regionId, String name, String uri, int vcpus, long memoryMib, NodeState state) {
        Node n = new Node();
        n.id = UUID.randomUUID();
        n.region = em.find(Region.class, regionId);
        n.name = name;
        n.guestType = "kvm";
        n.libvirtUri = uri;
        n.vcpus = vcpus;
        n.memoryMib = memoryMib;
        n.diskGib = 1000;
        n.state = state;
        n.createdAt = Instant.now();
        n.persist();
        return n.id;
    }

    @Transactional
    void setState(UUID node, NodeState state) {
        em.find(Node.class, node).state = state;
    }

    @Transactional
    void shrink(UUID node) {
        setMemory(node, 256);
    }

    @Transactional
    void setMemory(UUID node, long memoryMib) {
        em.find(Node.class, node).memoryMib = memoryMib;
    }

    @Transactional
    UUID nodeOf(UUID guest) {
        return em.find(Guest.class, guest).node.id;
    }

    @Transactional
    String uri(UUID node) {
        return em.find(Node.class, node).libvirtUri;
    }
}
