package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Past its bucket a client gets 429 with Retry-After; another client is not affected; waiting lets it in again. */
@QuarkusTest
class ApiRateLimitTest {

    @Inject
    ApiFixtures api;

    @Test
    void answers429WithRetryAfterPastTheLimit() {
        ApiFixtures.Client busy = api.customer("rate-busy");
        ApiFixtures.Client calm = api.customer("rate-calm");
        ExtractableResponse<Response> limited = null;
        int sent = 0;
        while (limited == null && sent < 3000) {
            ExtractableResponse<Response> answer = busy.api().get("/api/v1/regions").then().extract();
            sent++;
            if (answer.statusCode() == 429) {
                limited = answer;
            } else {
                assertThat(answer.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).as("a 429 within 3000 requests").isNotNull();
        assertThat(sent).isGreaterThan(300);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 60);
        calm.api().get("/api/v1/regions").then().statusCode(200);
        org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofSeconds(retryAfter))
                .atMost(java.time.Duration.ofSeconds(retryAfter + 10))
                .until(() -> busy.api().get("/api/v1/regions").then().extract().statusCode() == 200);
    }
}
