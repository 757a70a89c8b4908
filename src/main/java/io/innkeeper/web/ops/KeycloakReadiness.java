package io.innkeeper.web.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Readiness includes Keycloak: without it nobody can sign in and no bearer token can be checked against fresh keys.
 * A schedule asks for the realm's discovery document (served without credentials) every
 * {@code innkeeper.health.keycloak-interval}; readiness fails after {@link #FAILURES_BEFORE_DOWN} failed asks in a
 * row, so one slow answer on a busy machine does not take a replica out of service, and a readiness probe never
 * waits on Keycloak itself.
 */
@Readiness
@ApplicationScoped
public class KeycloakReadiness implements HealthCheck {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int FAILURES_BEFORE_DOWN = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI discovery;
    private volatile int failures;
    private volatile String lastAnswer = "not asked yet";

    public KeycloakReadiness(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String realm) {
        this.discovery = URI.create(realm.replaceAll("/+$", "") + "/.well-known/openid-configuration");
    }

    @Scheduled(every = "${innkeeper.health.keycloak-interval:10s}", concurrentExecution = ConcurrentExecution.SKIP,
            identity = "keycloak-readiness")
    void ask() {
        boolean up;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            up = response.statusCode() == 200;
            lastAnswer = "HTTP " + response.statusCode();
        } catch (IOException e) {
            up = false;
            lastAnswer = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        failures = up ? 0 : failures + 1;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Keycloak").status(failures < FAILURES_BEFORE_DOWN)
                .withData("discovery", discovery.toString()).withData("lastAnswer", lastAnswer)
                .withData("failuresInARow", failures).build();
    }
}
