package io.innkeeper.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SshPublicKeysTest {

    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC4W2LuHHP1HuQcWO9vm9Kj1S8w8AHdfokQTZuP3yGEE carol@laptop";

    @Test
    void acceptsAnOpenSshKeyWithOrWithoutComment() {
        assertThat(SshPublicKeys.problem(ED25519)).isEmpty();
        assertThat(SshPublicKeys.problem(ED25519.substring(0, ED25519.lastIndexOf(' ')))).isEmpty();
        assertThat(SshPublicKeys.normalise("  " + ED25519.replace(" ", "   ") + "\n")).isEqualTo(ED25519);
    }

    @Test
    void refusesKeysThatWouldNotWork() {
        String body = ED25519.split(" ")[1];
        assertThat(SshPublicKeys.problem("ssh-rsa " + body)).get().asString().contains("does not match its type");
        assertThat(SshPublicKeys.problem("ssh-ed25519 not*base64")).get().asString().contains("not valid base64");
        assertThat(SshPublicKeys.problem("ssh-ed25519")).get().asString().contains("cut off");
        assertThat(SshPublicKeys.problem("ssh-dss " + body)).get().asString().contains("Unknown key type");
        assertThat(SshPublicKeys.problem("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA"))
                .get().asString().contains("private key");
        assertThat(SshPublicKeys.problem(" ")).get().asString().contains("Paste a public key");
        assertThat(SshPublicKeys.problem("ssh-ed25519 " + body.substring(0, 8))).isPresent();
    }
}
