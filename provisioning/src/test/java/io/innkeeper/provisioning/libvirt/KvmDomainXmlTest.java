package io.innkeeper.provisioning.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.Boot;
import io.innkeeper.provisioning.driver.GuestSpec.Limits;

class KvmDomainXmlTest {

    private static final GuestSpec SPEC = new GuestSpec(UUID.fromString("5f0c6a9e-9c1b-4f7e-8d0a-3b2f1e4d5c6a"),
            UUID.fromString("0b7e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d"), "web-1.example.com", 2, 4096, 80,
            "debian-12.qcow2");

    private static final KvmDomainXml KVM = new KvmDomainXml("kvm", new NodeLayout("/images", "/containers",
            "/logs", new NetworkAttachment.Bridge("br0"), "/pygrub", "/hvmloader"));

    @Test
    void carriesPanelUuidSizeAndMetadata() {
        String xml = KVM.write(SPEC);
        assertThat(xml).contains("<domain type=\"kvm\">", "<name>ik-5f0c6a9e-9c1b-4f7e-8d0a-3b2f1e4d5c6a</name>",
                "<uuid>5f0c6a9e-9c1b-4f7e-8d0a-3b2f1e4d5c6a</uuid>", "<title>web-1.example.com</title>",
                "<memory unit=\"MiB\">4096</memory>", "<vcpu>2</vcpu>",
                "owner=\"0b7e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d\"", "xmlns:ik=\"https://innkeeper.io/xmlns/guest/1\"",
                "/images/5f0c6a9e-9c1b-4f7e-8d0a-3b2f1e4d5c6a.qcow2");
    }

    @Test
    void wiresVirtioNicLoggedConsoleAndBalloon() {
        String xml = KVM.write(SPEC);
        assertThat(xml).contains("<interface type=\"bridge\"><source bridge=\"br0\"/>",
                "<mac address=\"52:54:00:4d:5c:6a\"/>", "<model type=\"virtio\"/>",
                "<serial type=\"pty\"><log file=\"/logs/5f0c6a9e-9c1b-4f7e-8d0a-3b2f1e4d5c6a.log\" append=\"on\"/>",
                "<memballoon model=\"virtio\"><stats period=\"10\"/></memballoon>");
    }

    @Test
    void writesPlanLimitsWhereLibvirtAppliesThem() {
        String xml = KVM.write(SPEC.withLimits(new Limits(2048, 100_000L, 50_000L, 500L, 1_048_576L, 1_000L,
                2_000L)));
        assertThat(xml).contains("<cputune><shares>2048</shares><period>100000</period><quota>50000</quota>"
                + "</cputune>", "<iotune><total_bytes_sec>1048576</total_bytes_sec><total_iops_sec>500"
                        + "</total_iops_sec></iotune>",
                "<inbound average=\"1000\" peak=\"2000\"/>", "<outbound average=\"1000\" peak=\"2000\"/>");
        assertThat(KVM.write(SPEC)).doesNotContain("cputune", "iotune", "bandwidth");
    }

    @Test
    void directKernelBootCanLeaveTheDiskOut() {
        String xml = KVM.write(SPEC.withBoot(new Boot.Kernel("/k/vmlinuz", "/k/initrd", "console=ttyS0", false)));
        assertThat(xml).contains("<kernel>/k/vmlinuz</kernel><initrd>/k/initrd</initrd>"
                + "<cmdline>console=ttyS0</cmdline>").doesNotContain("<disk", "<boot ");
        assertThat(KVM.write(SPEC.withBoot(new Boot.Kernel("/k/vmlinuz", null, null, true)))).contains("<disk",
                "<kernel>/k/vmlinuz</kernel>").doesNotContain("<initrd>");
    }

    @Test
    void escapesWhateverTheHostnameHolds() {
        GuestSpec odd = new GuestSpec(SPEC.id(), SPEC.ownerRef(), "a\"b<c>&d", 1, 512, 10, "x");
        String xml = KVM.write(odd);
        assertThat(xml).contains("<title>a\"b&lt;c&gt;&amp;d</title>").contains("hostname=\"a&quot;b&lt;c&gt;&amp;d\"");
    }
}
