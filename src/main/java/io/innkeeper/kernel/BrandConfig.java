package io.innkeeper.kernel;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The provider's brand, from configuration (Helm's {@code brand.*}): the product name every page, mail and the
 * browser's title show, and where a customer finds support.
 */
@ConfigMapping(prefix = "innkeeper.brand")
public interface BrandConfig {

    /** The product's name, one line of at most {@value Brand#MAX_NAME} characters. */
    @WithDefault("Innkeeper")
    String name();

    /** The support address shown at the foot of every page, if any. */
    Optional<String> supportEmail();

    /** The support page (http or https) shown at the foot of every page, if any. */
    Optional<String> supportUrl();
}
