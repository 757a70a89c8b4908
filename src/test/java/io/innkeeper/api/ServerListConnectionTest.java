package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The server list reads over its own non-blocking connections. When the database drops them, a request answers
 * at worst 503 with Retry-After (problem+json), never a 500, and the next ones are served on new connections.
 */
@QuarkusTest
class ServerListConnectionTest {

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    javax.sql.DataSource dataSource;

    @Inject
    io.innkeeper.orders.ReadPool reads;

    /** The database takes the connections' setting to plan each statement once (see ReadPool). */
    @Test
    void theReadConnectionsPlanEachStatementOnce() throws Exception {
        String mode = reads.pool().query("show plan_cache_mode").execute().toCompletionStage().toCompletableFuture()
                .get(30, java.util.concurrent.TimeUnit.SECONDS).iterator().next().getString(0);
        assertThat(mode).isEqualTo("force_generic_plan");
    }

    @Test
    void droppedConnectionsAreReplacedWithoutA500() throws Exception {
        ApiFixtures.Client client = api.customer("list-conn");
        UUID server = servers.order(client.tenant(), fixtures.catalog(), Fixtures.hostname("list-conn"));
        client.api().get("/api/v1/servers").then().statusCode(200);

        assertThat(terminateReadConnections()).as("the list's connections, seen in pg_stat_activity").isPositive();

        List<Integer> statuses = new ArrayList<>();
        Response last = null;
        for (int i = 0; i < 3 && (last == null || last.statusCode() != 200); i++) {
            last = client.api().get("/api/v1/servers");
            statuses.add(last.statusCode());
            if (last.statusCode() != 200) {
                assertThat(last.statusCode()).isEqualTo(503);
                assertThat(last.contentType()).startsWith("application/problem+json");
                assertThat(last.header("Retry-After")).isNotBlank();
            }
        }
        assertThat(statuses).as("answers after the drop").last().isEqualTo(200);
        assertThat(last.jsonPath().getList("items.id", String.class)).containsExactly(server.toString());
    }

    private int terminateReadConnections() throws java.sql.SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("select count(pg_terminate_backend(pid)) "
                        + "from pg_stat_activity where application_name = ? and datname = current_database()")) {
            statement.setString(1, io.innkeeper.orders.ReadPool.DEFAULT_APPLICATION_NAME);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
