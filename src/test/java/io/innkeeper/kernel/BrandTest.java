package io.innkeeper.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A brand the configuration gets wrong stops the panel at start, naming the setting. */
class BrandTest {

    private static Brand brand(String name, String email, String url) {
        Brand brand = new Brand();
        brand.config = new BrandConfig() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> supportEmail() {
                return Optional.ofNullable(email);
            }

            @Override
            public Optional<String> supportUrl() {
                return Optional.ofNullable(url);
            }
        };
        brand.check();
        return brand;
    }

    @Test
    void aGoodBrandIsShownAsConfigured() {
        Brand b = brand(" Example Hosting ", "Help@Example.COM", "https://help.example.com/vps");
        assertThat(b.name()).isEqualTo("Example Hosting");
        assertThat(b.supportEmail()).isEqualTo(EmailAddresses.normalise("Help@Example.COM"));
        assertThat(b.supportUrl()).isEqualTo("https://help.example.com/vps");
        assertThat(b.hasSupport()).isTrue();
        assertThat(brand("Innkeeper", null, "").hasSupport()).isFalse();
    }

    @Test
    void aWrongBrandNamesTheSetting() {
        assertThatThrownBy(() -> brand("  ", null, null)).hasMessageContaining("innkeeper.brand.name");
        assertThatThrownBy(() -> brand("x".repeat(61), null, null)).hasMessageContaining("innkeeper.brand.name")
                .hasMessageContaining("60");
        assertThatThrownBy(() -> brand("Two\nlines", null, null)).hasMessageContaining("innkeeper.brand.name");
        assertThatThrownBy(() -> brand("Acme", "no-at-sign", null))
                .hasMessageContaining("innkeeper.brand.support-email");
        assertThatThrownBy(() -> brand("Acme", null, "javascript:alert(1)"))
                .hasMessageContaining("innkeeper.brand.support-url");
        assertThatThrownBy(() -> brand("Acme", null, "not an address"))
                .hasMessageContaining("innkeeper.brand.support-url");
    }
}
