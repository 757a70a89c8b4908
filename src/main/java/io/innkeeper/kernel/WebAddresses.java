package io.innkeeper.kernel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** The one rule for a web address a person gives the panel (a webhook endpoint, a support page). */
public final class WebAddresses {

    private WebAddresses() {
    }

    /**
     * What is wrong with {@code url} as an http or https address with a host, no user info and at most {@code max}
     * characters, in words for the person who gave it; empty when nothing is.
     */
    public static Optional<String> problem(String url, int max) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("Not a URL.");
        }
        if (url.length() > max || uri.getHost() == null || uri.getUserInfo() != null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            return Optional.of("Give an http or https URL with a host, at most " + max + " characters.");
        }
        return Optional.empty();
    }
}
