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

    /** Every answer to a known client says its limit, what is left and when the bucket is full again, errors too. */
    @Test
    void everyAnswerCarriesTheRateLimitHeaders() {
        ApiFixtures.Client client = api.customer("rate-headers");
        ExtractableResponse<Response> first = client.api().get("/api/v1/regions").then().statusCode(200).extract();
        ExtractableResponse<Response> second = client.api().get("/api/v1/regions").then().statusCode(200).extract();
        assertThat(first.header("RateLimit-Limit")).isEqualTo("300");
        int remaining = Integer.parseInt(first.header("RateLimit-Remaining"));
        assertThat(remaining).isBetween(0, 299);
        assertThat(Integer.parseInt(second.header("RateLimit-Remaining"))).isLessThanOrEqualTo(remaining);
        assertThat(Integer.parseInt(second.header("RateLimit-Reset"))).isBetween(1, 60);
        for (ExtractableResponse<Response> error : java.util.List.of(
                client.api().get("/api/v1/servers/" + java.util.UUID.randomUUID()).then().statusCode(404).extract(),
                client.api().get("/api/v1/servers?limit=0").then().statusCode(400).extract(),
                client.api().body("{\"hostname\":").post("/api/v1/servers").then().statusCode(400).extract())) {
            assertThat(error.contentType()).startsWith("application/problem+json");
            assertThat(error.header("RateLimit-Limit")).isEqualTo("300");
            assertThat(error.header("RateLimit-Remaining")).isNotNull();
            assertThat(error.header("RateLimit-Reset")).isNotNull();
        }
    }

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
        assertThat(limited.header("RateLimit-Limit")).isEqualTo("300");
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Integer.parseInt(limited.header("RateLimit-Reset"))).isPositive();
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 60);
        calm.api().get("/api/v1/regions").then().statusCode(200);
        org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofSeconds(retryAfter))
                .atMost(java.time.Duration.ofSeconds(retryAfter + 10))
                .until(() -> busy.api().get("/api/v1/regions").then().extract().statusCode() == 200);
    }
}
