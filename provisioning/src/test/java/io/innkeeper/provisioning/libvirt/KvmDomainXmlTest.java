package io.innkeeper.provisioning.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.innkeeper.provisioning.driver.GuestSpec;

class KvmDomainXmlTest {

    private static final GuestSpec SPEC = new GuestSpec(UUID.fromString("5f0c6a9e-9c1b-4f7e-8d0a-3b2f1e4d5c6a"),
            UUID.fromString("0b7e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d"), "web-1.example.com", 2, 4096, 80,
            "debian-12.qcow2");

    @ParameterizedTest
    @ValueSource(strings = { "kvm", "qemu" })
    void writesDomainThatLibvirtSchemaAccepts(String domainType, @TempDir Path dir) throws Exception {
        String xml = KvmDomainXml.write(SPEC, domainType, "/var/lib/innkeeper/images");
        Path file = dir.resolve("domain.xml");
        Files.writeString(file, xml);
        Process validate = new ProcessBuilder("virt-xml-validate", file.toString(), "domain").redirectErrorStream(true)
                .start();
        assertThat(validate.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.exitValue()).as(output).isZero();
    }

    @Test
    void carriesPanelUuidSizeAndMetadata() {
        String xml = KvmDomainXml.write(SPEC, "kvm", "/images");
        assertThat(xml).contains("<domain type=\"kvm\">", "<name>ik-5f0c6a9e-9c1b-4f7e-8d0a-3b2f1e4d5c6a</name>",
                "<uuid>5f0c6a9e-9c1b-4f7e-8d0a-3b2f1e4d5c6a</uuid>", "<memory unit=\"MiB\">4096</memory>",
                "<vcpu>2</vcpu>", "owner=\"0b7e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d\"",
                "xmlns:ik=\"https://innkeeper.io/xmlns/guest/1\"",
                "/images/5f0c6a9e-9c1b-4f7e-8d0a-3b2f1e4d5c6a.qcow2");
    }

    @Test
    void escapesWhateverTheHostnameHolds() throws IOException {
        GuestSpec odd = new GuestSpec(SPEC.id(), SPEC.ownerRef(), "a\"b<c>&d", 1, 512, 10, "x");
        String xml = KvmDomainXml.write(odd, "kvm", "/images");
        assertThat(xml).contains("<title>a\"b&lt;c&gt;&amp;d</title>").contains("hostname=\"a&quot;b&lt;c&gt;&amp;d\"");
    }
}
