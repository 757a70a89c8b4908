package io.innkeeper.billing.tax;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code innkeeper.billing.tax.*}: where the provider is established and the VAT rates it charges. Without a seller
 * country no VAT is charged (the panel's default, so a deployment turns tax on deliberately).
 */
@ConfigMapping(prefix = "innkeeper.billing.tax")
public interface TaxConfig {

    /** The member state the provider is established in (ISO 3166, for example {@code DE}). */
    Optional<String> sellerCountry();

    /** Standard rates in percent, by ISO 3166 country ({@code innkeeper.billing.tax.rates.DE=19}). */
    Map<String, BigDecimal> rates();

    /** How the invoice's VAT is rounded to the cent; see {@link Taxation}. */
    @WithDefault("HALF_EVEN")
    RoundingMode rounding();
}
