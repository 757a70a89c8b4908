package io.innkeeper.provisioning.cloudinit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.innkeeper.provisioning.ip.Address;

/**
 * The three NoCloud documents a guest's cloud-init reads at boot: meta-data (who it is), user-data (root password
 * hash, SSH keys, the customer's own #cloud-config merged under ours) and network-config (version 2, static, from
 * the server's addresses). Pure functions; YAML is written by Jackson, so nothing a customer types can break it.
 */
public final class CloudInitDocs {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private CloudInitDocs() {
    }

    /**
     * The instance id changes with {@code generation}, so cloud-init runs its once-per-instance modules (password,
     * keys) again after a reset.
     */
    public static String metaData(UUID guestId, int generation, String hostname) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("instance-id", "ik-" + guestId + "-" + generation);
        doc.put("local-hostname", hostname);
        return yaml(doc);
    }

    /**
     * A #cloud-config with the customer's own document first and the panel's settings over it: the root password
     * (as a SHA-512 crypt hash, never the password), password login allowed only where a password was set, and the
     * SSH keys for root.
     */
    public static String userData(GuestAccess access) {
        Map<String, Object> doc = new LinkedHashMap<>(parseCloudConfig(access.userData()));
        if (access.rootPasswordHash() != null) {
            doc.put("chpasswd", Map.of("expire", false,
                    "users", List.of(Map.of("name", "root", "password", access.rootPasswordHash(), "type", "hash"))));
            doc.put("ssh_pwauth", true);
            doc.put("disable_root", false);
        }
        if (!access.sshKeys().isEmpty()) {
            doc.put("disable_root", false);
            List<Object> users = new ArrayList<>();
            users.add(Map.of("name", "root", "lock_passwd", access.rootPasswordHash() == null,
                    "ssh_authorized_keys", access.sshKeys()));
            doc.put("users", users);
        }
        return "#cloud-config\n" + yaml(doc);
    }

    /** Static addressing on the first NIC, found by its MAC-independent name pattern. */
    public static String networkConfig(List<Address> addresses) {
        List<String> cidrs = addresses.stream().map(Address::cidr).toList();
        Map<String, Object> nic = new LinkedHashMap<>();
        nic.put("match", Map.of("name", "e*"));
        nic.put("addresses", cidrs);
        List<Map<String, Object>> routes = new ArrayList<>();
        for (Address a : addresses) {
            if (a.gateway() != null) {
                routes.add(Map.of("to", a.family() == 4 ? "0.0.0.0/0" : "::/0", "via", a.gateway()));
            }
        }
        if (!routes.isEmpty()) {
            nic.put("routes", routes);
        }
        List<String> dns = addresses.stream().flatMap(a -> a.dnsServers().stream()).distinct().toList();
        if (!dns.isEmpty()) {
            nic.put("nameservers", Map.of("addresses", dns));
        }
        nic.put("dhcp4", false);
        nic.put("dhcp6", false);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", 2);
        doc.put("ethernets", Map.of("primary", nic));
        return yaml(doc);
    }

    /**
     * The customer's own user-data as a map: empty when there is none; a document that is not a #cloud-config
     * mapping is refused with a reason the customer can act on.
     */
    public static Map<String, Object> parseCloudConfig(String userData) {
        if (userData == null || userData.isBlank()) {
            return Map.of();
        }
        if (!userData.startsWith("#cloud-config")) {
            throw new IllegalArgumentException("User data must be a #cloud-config document (its first line is "
                    + "#cloud-config).");
        }
        try {
            Map<String, Object> doc = YAML.readValue(userData, new TypeReference<Map<String, Object>>() {
            });
            return doc == null ? Map.of() : doc;
        } catch (IOException e) {
            throw new IllegalArgumentException("User data is not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String yaml(Object doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
