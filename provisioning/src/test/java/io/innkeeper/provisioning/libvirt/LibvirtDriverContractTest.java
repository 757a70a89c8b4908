package io.innkeeper.provisioning.libvirt;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.HypervisorDriver;
import io.innkeeper.provisioning.driver.HypervisorDriverContract;

/**
 * The libvirt driver passes the driver contract on libvirt's test driver with every XML dialect. The test node
 * is shared by every connection in this JVM and has its own domain ("test"), which the contract tolerates.
 */
class LibvirtDriverContractTest {

    private static final String NODE = "test:///default";

    private static LibvirtConnections connections;

    @BeforeAll
    static void connect() {
        connections = new LibvirtConnections();
    }

    @AfterAll
    static void close() {
        connections.closeAll();
    }

    /** One dialect's run of the contract. */
    abstract static class OnTestNode extends HypervisorDriverContract {

        private final Dialect dialect;
        private final LibvirtDriver driver;

        OnTestNode(Dialect dialect) {
            this.dialect = dialect;
            this.driver = new LibvirtDriver(NODE, connections, dialect.xml());
        }

        @Override
        protected HypervisorDriver driver() {
            return driver;
        }

        @Override
        protected GuestSpec adapt(GuestSpec spec) {
            return dialect.adapt(spec);
        }

        @Override
        protected UUID plantForeignGuest(String name) {
            UUID id = UUID.randomUUID();
            String xml = XmlOut.document(out -> out.start("domain").attr("type", "test")
                    .leaf("name", name)
                    .leaf("uuid", id.toString())
                    .leaf("memory", "unit", "MiB", "128")
                    .start("os").leaf("type", "hvm").end()
                    .end());
            connections.with(NODE, c -> c.domainDefineXML(xml).free());
            return id;
        }

        @Override
        protected void removeForeignGuest(UUID id) {
            connections.with(NODE, c -> {
                c.domainLookupByUUID(id).undefine();
                return null;
            });
        }
    }

    @Nested
    class Kvm extends OnTestNode {
        Kvm() {
            super(Dialect.KVM);
        }
    }

    @Nested
    class XenPv extends OnTestNode {
        XenPv() {
            super(Dialect.XEN_PV);
        }
    }

    @Nested
    class XenHvm extends OnTestNode {
        XenHvm() {
            super(Dialect.XEN_HVM);
        }
    }

    @Nested
    class Lxc extends OnTestNode {
        Lxc() {
            super(Dialect.LXC);
        }
    }

    @Nested
    class OpenVz extends OnTestNode {
        OpenVz() {
            super(Dialect.OPENVZ);
        }
    }
}
