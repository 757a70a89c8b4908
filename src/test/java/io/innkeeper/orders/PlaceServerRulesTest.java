package io.innkeeper.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

import jakarta.persistence.PersistenceException;

/** The parts of PlaceServer that need no database: the fingerprint, the audit view and the unique-index mapping. */
class PlaceServerRulesTest {

    private static final String KEY = "ssh-ed25519 "
            + "AAAAC3NzaC1lZDI1NTE5AAAAIC4W2LuHHP1HuQcWO9vm9Kj1S8w8AHdfokQTZuP3yGEE me@laptop";

    private static OrderRequest order(String password, List<String> keys, List<UUID> ids, String userData,
            String ref) {
        return new OrderRequest("web-1.example.com", "r", "p", "t", "kvm", "k", password, keys, ids, userData, ref);
    }

    @Test
    void anOrderOfOnlyTheFirstPartsKeepsTheFingerprintItHadBefore() {
        // SHA-256 of "web-1.example.com|r|p|t|kvm", as stored for orders placed before access settings were part.
        assertThat(new OrderRequest("Web-1.example.com ", "r", "p", "t", "KVM", "k").fingerprint())
                .isEqualTo(order(null, List.of(), List.of(), " ", null).fingerprint())
                .isEqualTo(java.util.HexFormat.of().formatHex(sha256("web-1.example.com|r|p|t|kvm")));
    }

    @Test
    void theFingerprintCoversEveryPartOfTheOrder() {
        OrderRequest plain = order(null, List.of(), List.of(), null, null);
        List<OrderRequest> others = List.of(order("correct horse battery", List.of(), List.of(), null, null),
                order(null, List.of(KEY), List.of(), null, null),
                order(null, List.of(), List.of(UUID.randomUUID()), null, null),
                order(null, List.of(), List.of(), "#cloud-config\n", null),
                order(null, List.of(), List.of(), null, "crm-1"));
        for (OrderRequest other : others) {
            assertThat(other.fingerprint()).as(other.toString()).isNotEqualTo(plain.fingerprint());
        }
        assertThat(others.stream().map(OrderRequest::fingerprint).distinct()).hasSize(others.size());
    }

    @Test
    void theFingerprintAndTheTextOfAnOrderHoldNoPassword() {
        OrderRequest one = order("correct horse battery", List.of(), List.of(), null, null);
        OrderRequest two = order("another horse battery", List.of(), List.of(), null, null);
        assertThat(one.fingerprint()).isEqualTo(two.fingerprint());
        assertThat(one.toString()).doesNotContain("horse");
    }

    @Test
    void aRefusedOrderIsAuditedBoundedPrintableAndWithoutSecrets() {
        OrderRequest huge = new OrderRequest("h\u0000st", "r", "p", "t", "x".repeat(60_000), "k",
                "correct horse battery", List.of(KEY), List.of(), "#cloud-config\n", "ref\u202e");
        Map<String, Object> view = PlaceServer.auditView(huge);
        assertThat((String) view.get("guestType")).hasSizeLessThan(300);
        assertThat((String) view.get("hostname")).doesNotContain("\u0000");
        assertThat((String) view.get("externalRef")).doesNotContain("\u202e");
        assertThat(view).containsEntry("rootPassword", true).containsEntry("sshKeys", 1)
                .containsEntry("userData", true);
        assertThat(view.toString()).doesNotContain("horse").doesNotContain("cloud-config");
    }

    @Test
    void aUniqueIndexThatFiresNamesItsField() {
        assertThat(PlaceServer.duplicate(violation("server_hostname_per_tenant")).orElseThrow().asMap())
                .containsOnlyKeys("hostname");
        assertThat(PlaceServer.duplicate(violation("external_ref_tenant_id_kind_ref_key")).orElseThrow().asMap())
                .containsOnlyKeys("externalRef");
        assertThat(PlaceServer.duplicate(violation("server_idempotency")).orElseThrow().asMap())
                .containsOnlyKeys("idempotencyKey");
        assertThat(PlaceServer.duplicate(violation("guest_pkey"))).isEmpty();
        assertThat(PlaceServer.duplicate(new PersistenceException("timeout"))).isEmpty();
    }

    private static PersistenceException violation(String constraint) {
        return new PersistenceException("flush", new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"), constraint));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
