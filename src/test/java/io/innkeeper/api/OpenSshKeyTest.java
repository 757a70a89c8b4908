package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.innkeeper.account.OpenSshKey;

/** Public keys are parsed as sshd reads them, and refused with a reason otherwise. */
class OpenSshKeyTest {

    @Test
    void acceptsRealKeysWithTheFingerprintSshKeygenPrints() {
        OpenSshKey ed = OpenSshKey.parse(SshKeyExamples.ED25519).key().orElseThrow();
        assertThat(ed.type()).isEqualTo("ssh-ed25519");
        assertThat(ed.comment()).isEqualTo("alice@laptop");
        assertThat(ed.fingerprint()).isEqualTo(SshKeyExamples.ED25519_FINGERPRINT);
        OpenSshKey rsa = OpenSshKey.parse(SshKeyExamples.RSA_2048).key().orElseThrow();
        assertThat(rsa.bits()).isEqualTo(2048);
        assertThat(rsa.fingerprint()).isEqualTo(SshKeyExamples.RSA_2048_FINGERPRINT);
        assertThat(OpenSshKey.parse(SshKeyExamples.ECDSA_256).key()).isPresent();
    }

    @Test
    void refusesWeakForgedOrBrokenKeys() {
        assertThat(OpenSshKey.parse(SshKeyExamples.RSA_1024).problem()).contains("2048 bits");
        String[] parts = SshKeyExamples.ED25519.split(" ");
        assertThat(OpenSshKey.parse("ssh-rsa " + parts[1]).problem()).contains("says 'ssh-ed25519'");
        assertThat(OpenSshKey.parse(parts[0] + " " + parts[1].substring(0, 30)).key()).isEmpty();
        assertThat(OpenSshKey.parse("ssh-ed25519 not*base64").problem()).contains("base64");
        assertThat(OpenSshKey.parse("ssh-dss AAAA").problem()).contains("Unsupported");
        assertThat(OpenSshKey.parse("-----BEGIN OPENSSH PRIVATE KEY-----").problem()).contains("private key");
        assertThat(OpenSshKey.parse("").key()).isEmpty();
        assertThat(OpenSshKey.parse("hello").key()).isEmpty();
        byte[] blob = Base64.getDecoder().decode(parts[1]);
        byte[] longer = java.util.Arrays.copyOf(blob, blob.length + 1);
        assertThat(OpenSshKey.parse("ssh-ed25519 " + Base64.getEncoder().encodeToString(longer)).problem())
                .contains("extra bytes");
    }
}
