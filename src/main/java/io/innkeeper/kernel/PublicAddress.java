package io.innkeeper.kernel;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;

/**
 * The panel's public address as people's browsers reach it ({@code innkeeper.public-url}, INNKEEPER_PUBLIC_URL): the
 * one start of every link the panel hands out, in mails (invitations, notifications), single sign-on links and the
 * return addresses given to a payment gateway. An address that is no http(s) URL stops the panel at start, naming the
 * setting.
 */
@ApplicationScoped
@Startup
public class PublicAddress {

    @ConfigProperty(name = "innkeeper.public-url", defaultValue = "http://localhost:8080")
    String url;

    private String base;

    @PostConstruct
    void check() {
        String candidate = url.strip().replaceAll("/+$", "");
        WebAddresses.problem(candidate, 500).ifPresent(p -> {
            throw new IllegalStateException("innkeeper.public-url: " + p);
        });
        base = candidate;
    }

    /** The address without a trailing slash, to append a page's path to. */
    public String base() {
        return base;
    }
}
