package io.innkeeper.kernel;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.runtime.Startup;

/**
 * The provider's brand as pages ({@code inject:brand}) and mails use it. A name or contact the configuration gets
 * wrong stops the panel at start, naming the setting, instead of showing a broken page to every customer.
 */
@ApplicationScoped
@Startup
@Named("brand")
public class Brand {

    /** The longest product name. */
    public static final int MAX_NAME = 60;

    @Inject
    BrandConfig config;

    private String name;
    private String supportEmail;
    private String supportUrl;

    @PostConstruct
    void check() {
        name = config.name().strip();
        String problem = Text.refusal(name, MAX_NAME, false);
        if (name.isEmpty() || problem != null) {
            throw new IllegalStateException("innkeeper.brand.name: " + (problem == null ? "empty" : problem)
                    + " A product name is one line of 1 to " + MAX_NAME + " characters.");
        }
        supportEmail = config.supportEmail().map(String::strip).filter(s -> !s.isEmpty()).map(e -> {
            String normal = EmailAddresses.normalise(e);
            EmailAddresses.problem(normal).ifPresent(p -> {
                throw new IllegalStateException("innkeeper.brand.support-email: " + p);
            });
            return normal;
        }).orElse(null);
        supportUrl = config.supportUrl().map(String::strip).filter(s -> !s.isEmpty()).map(Brand::webAddress)
                .orElse(null);
    }

    /** The product's name. */
    public String name() {
        return name;
    }

    /** The support address, or null. */
    public String supportEmail() {
        return supportEmail;
    }

    /** The support page, or null. */
    public String supportUrl() {
        return supportUrl;
    }

    /** Whether there is any support contact to show. */
    public boolean hasSupport() {
        return supportEmail != null || supportUrl != null;
    }

    static String webAddress(String raw) {
        WebAddresses.problem(raw, 500).ifPresent(p -> {
            throw new IllegalStateException("innkeeper.brand.support-url: " + p);
        });
        return raw;
    }
}
