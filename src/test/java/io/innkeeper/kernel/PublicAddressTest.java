package io.innkeeper.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublicAddressTest {

    private static PublicAddress of(String url) {
        PublicAddress address = new PublicAddress();
        address.url = url;
        address.check();
        return address;
    }

    @Test
    void linksStartWithTheAddressWithoutItsTrailingSlash() {
        assertThat(of(" https://panel.example.com/ ").base()).isEqualTo("https://panel.example.com");
        assertThat(of("http://10.0.0.10:8080/panel//").base()).isEqualTo("http://10.0.0.10:8080/panel");
    }

    @Test
    void anAddressThatIsNoWebAddressStopsThePanelNamingTheSetting() {
        assertThatThrownBy(() -> of("panel.example.com")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("innkeeper.public-url:");
        assertThatThrownBy(() -> of("ftp://panel.example.com")).hasMessageContaining("http or https");
    }
}
