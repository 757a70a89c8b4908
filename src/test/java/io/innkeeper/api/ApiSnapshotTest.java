package io.innkeeper.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The served OpenAPI document is the committed one, {@value #SNAPSHOT}: the build generates the Java client the tests
 * use from that file (pom.xml, openapi-generator) and {@link ApiLintTest} lints it, so a change to the API that is
 * not in the file fails here. With {@code -DupdateApiSnapshot=true} the test writes the served document
 * to the file instead, keys sorted so that its diff shows what changed.
 */
@QuarkusTest
class ApiSnapshotTest {

    static final String SNAPSHOT = "docs/api/openapi.json";

    static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void servedDocumentIsTheCommittedSnapshot() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        JsonNode served = new ObjectMapper().readTree(given().queryParam("format", "json")
                .get("http://localhost:" + port + "/q/openapi").then().statusCode(200).extract().asString());
        String text = sorted(served);
        Path out = Path.of("target", "openapi", "served.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        Path snapshot = Path.of(SNAPSHOT);
        if (Boolean.getBoolean("updateApiSnapshot")) {
            Files.writeString(snapshot, text);
        }
        assertThat(Files.exists(snapshot)).as(SNAPSHOT + " is missing; " + UPDATE).isTrue();
        JsonNode committed = new ObjectMapper().readTree(Files.readString(snapshot));
        assertThat(served.equals(committed)).as("The served OpenAPI document (written to " + out + ") differs from "
                + SNAPSHOT + ". If the API change is meant, " + UPDATE + ", then review and commit the file's diff "
                + "(the generated client follows it on the next build).").isTrue();
    }

    private static final String UPDATE = "regenerate it with "
            + "`bin/test -Dtest=ApiSnapshotTest -DupdateApiSnapshot=true`";

    /** The document as the snapshot keeps it: keys sorted, indented, ending in a line feed. */
    static String sorted(JsonNode document) throws Exception {
        Object tree = SORTED.treeToValue(document, Object.class);
        return SORTED.writeValueAsString(tree) + "\n";
    }
}
