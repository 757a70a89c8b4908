package io.innkeeper.provisioning.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.innkeeper.provisioning.ip.Address;

class CloudInitDocsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String HASH = "$6$saltsalt$" + "x".repeat(86);
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC4W2LuHHP1HuQcWO9vm9Kj1S8w8AHdfokQTZuP3yGEE carol@laptop";

    @Test
    void userDataSetsRootPasswordHashAndKeysOverTheCustomersOwnConfig() throws Exception {
        String customer = """
                #cloud-config
                packages: [nginx]
                chpasswd: {users: [{name: root, password: hunter2, type: text}]}
                """;
        String doc = CloudInitDocs.userData(new GuestAccess(HASH, List.of(KEY), customer));

        assertThat(doc).startsWith("#cloud-config\n");
        Map<String, Object> parsed = parse(doc);
        assertThat(parsed.get("packages")).isEqualTo(List.of("nginx"));
        assertThat(doc).doesNotContain("hunter2");
        Map<?, ?> chpasswd = (Map<?, ?>) parsed.get("chpasswd");
        assertThat(chpasswd.get("users")).isEqualTo(List.of(Map.of("name", "root", "password", HASH, "type", "hash")));
        List<?> users = (List<?>) parsed.get("users");
        assertThat(((Map<?, ?>) users.get(0)).get("ssh_authorized_keys")).isEqualTo(List.of(KEY));
        assertThat(parsed.get("disable_root")).isEqualTo(false);
    }

    @Test
    void withoutAPasswordRootLoginIsByKeyOnly() throws Exception {
        Map<String, Object> parsed = parse(CloudInitDocs.userData(new GuestAccess(null, List.of(KEY), null)));
        assertThat(parsed).doesNotContainKey("chpasswd").doesNotContainKey("ssh_pwauth");
        assertThat(((Map<?, ?>) ((List<?>) parsed.get("users")).get(0)).get("lock_passwd")).isEqualTo(true);
        assertThat(parse(CloudInitDocs.userData(GuestAccess.NONE))).isEmpty();
    }

    @Test
    void metaDataInstanceIdFollowsTheGeneration() throws Exception {
        UUID id = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        assertThat(parse(CloudInitDocs.metaData(id, 3, "web-1.example.com")))
                .containsEntry("instance-id", "ik-" + id + "-3")
                .containsEntry("local-hostname", "web-1.example.com");
    }

    @Test
    void networkConfigHasTheAddressesAndOneDefaultRoutePerFamily() throws Exception {
        Map<String, Object> parsed = parse(CloudInitDocs.networkConfig(List.of(
                new Address(4, "203.0.113.7", 24, "203.0.113.1"), new Address(6, "2001:db8::7", 64, "2001:db8::1"))));
        assertThat(parsed.get("version")).isEqualTo(2);
        Map<?, ?> nic = (Map<?, ?>) ((Map<?, ?>) parsed.get("ethernets")).get("primary");
        assertThat(nic.get("addresses")).isEqualTo(List.of("203.0.113.7/24", "2001:db8::7/64"));
        assertThat(nic.get("routes")).isEqualTo(List.of(Map.of("to", "0.0.0.0/0", "via", "203.0.113.1"),
                Map.of("to", "::/0", "via", "2001:db8::1")));
    }

    @Test
    void networkConfigNamesThePoolsDnsServersOnce() throws Exception {
        Map<String, Object> parsed = parse(CloudInitDocs.networkConfig(List.of(
                new Address(4, "203.0.113.7", 24, "203.0.113.1", List.of("203.0.113.53", "9.9.9.9")),
                new Address(6, "2001:db8::7", 64, "2001:db8::1", List.of("9.9.9.9")))));
        Map<?, ?> nic = (Map<?, ?>) ((Map<?, ?>) parsed.get("ethernets")).get("primary");
        assertThat(nic.get("nameservers")).isEqualTo(Map.of("addresses", List.of("203.0.113.53", "9.9.9.9")));
        Map<String, Object> none = parse(CloudInitDocs.networkConfig(List.of(
                new Address(4, "203.0.113.7", 24, "203.0.113.1"))));
        assertThat(((Map<?, ?>) ((Map<?, ?>) none.get("ethernets")).get("primary")).containsKey("nameservers"))
                .isFalse();
    }

    @Test
    void refusesUserDataThatIsNotCloudConfig() {
        assertThatThrownBy(() -> CloudInitDocs.parseCloudConfig("#!/bin/sh\necho hi"))
                .hasMessageContaining("#cloud-config");
        assertThatThrownBy(() -> CloudInitDocs.parseCloudConfig("#cloud-config\npackages: [nginx"))
                .hasMessageContaining("not valid YAML");
        assertThat(CloudInitDocs.parseCloudConfig("  ")).isEmpty();
    }

    private static Map<String, Object> parse(String yaml) throws Exception {
        Map<String, Object> doc = YAML.readValue(yaml.isBlank() ? "{}" : yaml,
                new TypeReference<Map<String, Object>>() {
                });
        return doc == null ? Map.of() : doc;
    }
}
