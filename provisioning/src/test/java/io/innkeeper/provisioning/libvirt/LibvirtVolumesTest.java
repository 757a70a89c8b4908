package io.innkeeper.provisioning.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

import io.innkeeper.provisioning.driver.GuestSpec;

/**
 * VM disks as storage volumes, through the driver on libvirt's test driver: its dir pools and volumes keep what
 * they are given (capacity, format, backing store) without touching files. It cannot resize volumes, so growth is
 * proven on real QEMU by {@link RealGuestDriverTest}.
 */
class LibvirtVolumesTest {

    private static final String NODE = "test:///default";
    private static final String DIR = Dialect.LAYOUT.imageDir();

    private static LibvirtConnections connections;
    private static LibvirtDriver driver;

    @BeforeAll
    static void connect() {
        connections = new LibvirtConnections();
        driver = new LibvirtDriver(NODE, connections, Dialect.KVM.xml());
    }

    @AfterAll
    static void close() {
        connections.closeAll();
    }

    private static GuestSpec spec(String image, int diskGib) {
        return new GuestSpec(UUID.randomUUID(), UUID.randomUUID(), "v.example.com", 1, 512, diskGib, image);
    }

    @Test
    void createMakesTheDiskAsACopyOnWriteOverlayOfTheTemplate() {
        GuestSpec spec = spec("debian-12.qcow2", 25);
        driver.ensureRunning(spec);
        try {
            XmlIn volume = XmlIn.parse(volumeXml(spec.id()));
            assertThat(volume.number("/volume/capacity")).isEqualTo(25L * 1024 * 1024 * 1024);
            assertThat(volume.text("/volume/target/path")).isEqualTo(DIR + "/" + spec.id() + ".qcow2");
            assertThat(volume.text("/volume/target/format/@type")).isEqualTo("qcow2");
            assertThat(volume.text("/volume/backingStore/path")).isEqualTo(DIR + "/debian-12.qcow2");
            assertThat(volume.text("/volume/backingStore/format/@type")).isEqualTo("qcow2");
            String domain = connections.with(NODE, c -> c.domainLookupByUUID(spec.id()).getXMLDesc(0));
            assertThat(XmlIn.parse(domain).text("/domain/devices/disk/source/@file"))
                    .isEqualTo(volume.text("/volume/target/path"));
        } finally {
            driver.remove(spec.id());
        }
    }

    @Test
    void aRawTemplateBacksTheDiskAsRaw() {
        GuestSpec spec = spec("windows-2022.img", 40);
        driver.ensureDefined(spec);
        try {
            XmlIn volume = XmlIn.parse(volumeXml(spec.id()));
            assertThat(volume.text("/volume/backingStore/path")).isEqualTo(DIR + "/windows-2022.img");
            assertThat(volume.text("/volume/backingStore/format/@type")).isEqualTo("raw");
        } finally {
            driver.remove(spec.id());
        }
    }

    @Test
    void aRepeatedCreateKeepsTheDiskAnEarlierAttemptMade() {
        GuestSpec spec = spec("debian-12.qcow2", 10);
        // A crashed worker made the disk (here: a smaller one) but not the domain.
        connections.with(NODE, c -> {
            StoragePool pool = LibvirtVolumes.pool(c, DIR);
            pool.storageVolCreateXML(LibvirtVolumes.volumeXml(Dialect.LAYOUT, new GuestSpec(spec.id(),
                    spec.ownerRef(), spec.hostname(), 1, 512, 3, "old.qcow2")), 0).free();
            pool.free();
            return null;
        });
        driver.ensureRunning(spec);
        driver.ensureRunning(spec);
        try {
            XmlIn volume = XmlIn.parse(volumeXml(spec.id()));
            assertThat(volume.number("/volume/capacity")).isEqualTo(3L * 1024 * 1024 * 1024);
            assertThat(volume.text("/volume/backingStore/path")).isEqualTo(DIR + "/old.qcow2");
            assertThat(volumesNamed(spec.id())).isEqualTo(1);
        } finally {
            driver.remove(spec.id());
        }
    }

    @Test
    void removeDeletesTheDiskAndToleratesItBeingGone() {
        GuestSpec spec = spec("debian-12.qcow2", 10);
        driver.ensureRunning(spec);
        assertThat(volumesNamed(spec.id())).isEqualTo(1);
        driver.remove(spec.id());
        assertThat(volumesNamed(spec.id())).isZero();
        driver.remove(spec.id());
        assertThat(volumesNamed(spec.id())).isZero();
    }

    @Test
    void aReinstallMakesTheDiskAfreshFromTheNewTemplate() {
        GuestSpec spec = spec("debian-12.qcow2", 10);
        driver.ensureRunning(spec);
        // What a reinstall job does: remove, then create from the new template.
        driver.remove(spec.id());
        GuestSpec reinstalled = new GuestSpec(spec.id(), spec.ownerRef(), spec.hostname(), 1, 512, 10,
                "ubuntu-24.04.qcow2");
        driver.ensureRunning(reinstalled);
        try {
            assertThat(XmlIn.parse(volumeXml(spec.id())).text("/volume/backingStore/path"))
                    .isEqualTo(DIR + "/ubuntu-24.04.qcow2");
        } finally {
            driver.remove(spec.id());
        }
    }

    @Test
    void anOperatorsPoolOverTheImageDirIsUsedAsItIs() {
        String dir = "/srv/images-" + UUID.randomUUID();
        String name = "operator-" + UUID.randomUUID();
        connections.with(NODE, c -> {
            StoragePool pool = c.storagePoolDefineXML(LibvirtVolumes.poolXml(name, dir), 0);
            pool.free();
            return null;
        });
        NodeLayout layout = new NodeLayout(dir + "/", Dialect.LAYOUT.containerRootDir(),
                Dialect.LAYOUT.consoleLogDir(), Dialect.LAYOUT.network(), Dialect.LAYOUT.xenBootloader(),
                Dialect.LAYOUT.xenHvmLoader());
        LibvirtDriver own = new LibvirtDriver(NODE, connections, new KvmDomainXml("kvm", layout));
        GuestSpec spec = spec("debian-12.qcow2", 10);
        own.ensureDefined(spec);
        try {
            String[] volumes = connections.with(NODE, c -> {
                StoragePool pool = c.storagePoolLookupByName(name);
                try {
                    return pool.isActive() == 1 ? pool.listVolumes() : new String[0];
                } finally {
                    pool.free();
                }
            });
            assertThat(volumes).containsExactly(spec.id() + ".qcow2");
        } finally {
            own.remove(spec.id());
        }
    }

    /** Not a pass/fail figure: what one volume create costs on the test driver, pool lookup included. */
    @Test
    void timesTheVolumeCreate() {
        long[] nanos = new long[21];
        for (int i = 0; i < nanos.length; i++) {
            GuestSpec spec = spec("debian-12.qcow2", 10);
            long t0 = System.nanoTime();
            connections.with(NODE, c -> {
                LibvirtVolumes.ensure(c, Dialect.LAYOUT, spec);
                return null;
            });
            nanos[i] = System.nanoTime() - t0;
            assertThat(volumesNamed(spec.id())).isEqualTo(1);
            driver.remove(spec.id());
        }
        Arrays.sort(nanos);
        System.out.printf("[volumes] test driver: volume create p50 %.2f ms, max %.2f ms (%d runs)%n",
                nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6, nanos.length);
    }

    private static String volumeXml(UUID guest) {
        return connections.with(NODE, c -> {
            StoragePool pool = LibvirtVolumes.pool(c, DIR);
            StorageVol volume = pool.storageVolLookupByName(LibvirtVolumes.volumeName(guest));
            try {
                return volume.getXMLDesc(0);
            } finally {
                volume.free();
                pool.free();
            }
        });
    }

    private static long volumesNamed(UUID guest) {
        return connections.with(NODE, c -> {
            StoragePool pool = LibvirtVolumes.pool(c, DIR);
            try {
                return Arrays.stream(pool.listVolumes()).filter(LibvirtVolumes.volumeName(guest)::equals).count();
            } finally {
                pool.free();
            }
        });
    }
}
