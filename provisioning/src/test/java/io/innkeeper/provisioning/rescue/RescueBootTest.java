package io.innkeeper.provisioning.rescue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.driver.GuestSpec;

class RescueBootTest {

    static final String HASH = Sha2Crypt.sha512Crypt("correct horse".getBytes(StandardCharsets.UTF_8));

    @Test
    void bootsTheRescueKernelWithTheDiskAndTheHashAfterTheAdminsCommandLine() {
        GuestSpec.Boot.Kernel boot = RescueBoot.of("/r/vmlinuz", "/r/initrd", " console=ttyS0 ", HASH);
        assertThat(boot.kernel()).isEqualTo("/r/vmlinuz");
        assertThat(boot.initrd()).isEqualTo("/r/initrd");
        assertThat(boot.withDisk()).isTrue();
        assertThat(boot.cmdline()).isEqualTo("console=ttyS0 innkeeper.rescue_hash=" + HASH);
        assertThat(RescueBoot.of("/r/vmlinuz", "/r/initrd", "", HASH).cmdline())
                .isEqualTo("innkeeper.rescue_hash=" + HASH);
    }

    @Test
    void refusesAnythingButASha512CryptHash() {
        for (String bad : new String[] { null, "", "correct horse", "$1$abc$def", HASH + " init=/bin/sh",
                HASH.replace('$', ' ') }) {
            assertThatThrownBy(() -> RescueBoot.of("/r/vmlinuz", "/r/initrd", "", bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void containersHaveNoRescueModeAndAreSentToTheConsole() {
        assertThat(RescueBoot.unavailableOn("kvm")).isEmpty();
        assertThat(RescueBoot.unavailableOn("xen")).isEmpty();
        assertThat(RescueBoot.unavailableOn("lxc")).hasValueSatisfying(why -> assertThat(why).contains("console"));
        assertThat(RescueBoot.unavailableOn("openvz")).isPresent();
    }
}
