package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The server list writes its JSON field by field, on the I/O thread; every other answer goes through the app's
 * Jackson mapper. The two must give clients the same bytes, so a page written both ways is compared here.
 */
@QuarkusTest
class ServerListJsonTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    ServerList list;

    @Test
    void writesAPageExactlyAsJacksonDoes() throws Exception {
        ApiViews.Ref region = new ApiViews.Ref(UUID.randomUUID(), "eu-\"west\"");
        ApiViews.Ref plan = new ApiViews.Ref(UUID.randomUUID(), "s-1");
        List<ApiViews.ServerView> items = List.of(
                new ApiViews.ServerView(UUID.randomUUID(), "web-1.example.com", "RUNNING", UUID.randomUUID(), region,
                        plan, new ApiViews.Ref(UUID.randomUUID(), "debian-12"), 2, 2048, 40, "crm-42", null,
                        Instant.parse("2026-12-01T10:15:30.123456Z")),
                new ApiViews.ServerView(UUID.randomUUID(), "bäckerei.example", "STOPPED", UUID.randomUUID(), region,
                        plan, null, 1, 512, 10, null, List.of("192.0.2.7", "2001:db8::7"),
                        Instant.parse("2026-12-01T10:15:30Z")),
                new ApiViews.ServerView(UUID.randomUUID(), "x\\y\u0001", "ERROR", UUID.randomUUID(), region, plan,
                        plan, 64, 65536, 2000, "ref with \"quotes\"", List.of(), Instant.parse(
                                "2026-12-01T10:15:30.120Z")));
        for (String next : new String[] {null, "MTc2OTg2"}) {
            ApiViews.Page<ApiViews.ServerView> page = new ApiViews.Page<>(items, next);
            assertThat(new String(list.write(page), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(mapper.writeValueAsString(page));
        }
        ApiViews.Page<ApiViews.ServerView> empty = new ApiViews.Page<>(List.of(), null);
        assertThat(new String(list.write(empty), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(mapper.writeValueAsString(empty)).isEqualTo("{\"items\":[],\"nextCursor\":null}");
    }
}
