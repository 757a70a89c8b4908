package io.innkeeper.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a customer's browser (or script) does against one panel: a Keycloak access token sent as
 * {@code Authorization: Bearer}, the CSRF cookie taken from the order form, and the form posted back. Redirects are
 * not followed, so a successful order shows as 303. Safe to share between threads.
 */
public final class PanelClient {

    public static final String KEYCLOAK_REALM = System.getenv().getOrDefault("INNKEEPER_OIDC_AUTH_SERVER_URL",
            "http://127.0.0.1:8180/realms/innkeeper");

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CSRF_COOKIE = Pattern.compile("^csrf-token=([^;]*)");
    private static final Pattern CSRF_FIELD = Pattern.compile(
            "name=\"csrf-token\"\\s+value=\"([^\"]*)\"");

    private final URI base;
    private final String token;
    private final HttpClient http;

    public PanelClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A fresh access token for a Keycloak user, by the password grant of the local realm's test-only client
     * {@code innkeeper-tests} (the panel's own client refuses that grant). Lives 5 minutes.
     */
    public static String token(String username, String password) {
        String form = form(Map.of("grant_type", "password", "client_id", "innkeeper-tests", "client_secret",
                "innkeeper-tests-secret", "username", username, "password", password, "scope", "openid"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(KEYCLOAK_REALM
                    + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = ACCESS_TOKEN.matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("no token for " + username + ": " + r.statusCode() + " " + r.body());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + KEYCLOAK_REALM + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The cookie and form value a browser gets with the order form. */
    public record Csrf(String cookie, String field) {
    }

    /** GET /servers/new: the page sets the CSRF cookie and carries the same token in a hidden field. */
    public Csrf csrf() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/servers/new"))
                .header("Authorization", "Bearer " + token).GET());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /servers/new answered " + r.statusCode() + ": " + r.body());
        }
        String cookie = r.headers().allValues("Set-Cookie").stream().map(CSRF_COOKIE::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new IllegalStateException("GET /servers/new set no csrf-token cookie"));
        Matcher field = CSRF_FIELD.matcher(r.body());
        return new Csrf(cookie, field.find() ? field.group(1) : cookie);
    }

    /** POST /servers as the order form does. */
    public HttpResponse<String> order(Csrf csrf, String hostname, Object region, Object plan, Object template,
            String idempotencyKey) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf-token", csrf.field());
        fields.put("hostname", hostname);
        fields.put("region", String.valueOf(region));
        fields.put("plan", String.valueOf(plan));
        fields.put("template", String.valueOf(template));
        Optional.ofNullable(idempotencyKey).ifPresent(k -> fields.put("idempotencyKey", k));
        return send(HttpRequest.newBuilder(base.resolve("/servers"))
                .header("Authorization", "Bearer " + token)
                .header("Cookie", "csrf-token=" + csrf.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + base + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
