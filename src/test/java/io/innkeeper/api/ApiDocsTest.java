package io.innkeeper.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document on the management port parses, and every /api/v1 operation has examples for what it takes
 * and answers, and a problem+json 4xx answer with an example. Swagger UI is served beside it.
 */
@QuarkusTest
class ApiDocsTest {

    private static String management() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return "http://localhost:" + port;
    }

    @Test
    void everyOperationHasExamplesAndAProblemResponse() throws Exception {
        String text = given().queryParam("format", "json").get(management() + "/q/openapi").then().statusCode(200)
                .extract().asString();
        JsonNode doc = new ObjectMapper().readTree(text);
        assertThat(doc.at("/components/securitySchemes/panelToken/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/keycloakToken/bearerFormat").asText()).isEqualTo("JWT");
        assertThat(doc.at("/security").size()).isEqualTo(2);
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/v1/")) {
                problems.add(path.getKey() + ": not the API's");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!List.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                if (operation.path("operationId").asText().isEmpty()) {
                    problems.add(name + ": no operationId");
                }
                JsonNode body = operation.at("/requestBody/content/application~1json");
                if (!body.isMissingNode() && !body.has("examples")) {
                    problems.add(name + ": request body without an example");
                }
                boolean success = false;
                boolean clientError = false;
                for (Iterator<Map.Entry<String, JsonNode>> rs = operation.get("responses").fields(); rs.hasNext();) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    if (r.getKey().startsWith("2")) {
                        JsonNode content = r.getValue().get("content");
                        success |= content == null || r.getKey().equals("204")
                                ? r.getKey().equals("204")
                                : content.findValue("examples") != null;
                    }
                    if (r.getKey().startsWith("4")) {
                        clientError |= resolved(doc, r.getValue()).at("/content/application~1problem+json/examples")
                                .size() > 0;
                    }
                }
                if (!success) {
                    problems.add(name + ": no success answer with an example");
                }
                if (!clientError) {
                    problems.add(name + ": no problem+json 4xx answer with an example");
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(30);
        assertThat(problems).isEmpty();
        // The errors every operation shares are described once, and the pages' template classes are not schemas.
        assertThat(doc.at("/paths/~1api~1v1~1servers~1{id}/get/responses/404/$ref").asText())
                .isEqualTo("#/components/responses/NotFound");
        assertThat(doc.at("/components/responses/NotFound/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(doc.at("/components/schemas").has("Template")).isFalse();
        assertThat(doc.at("/components/schemas").has("TemplateInstance")).isFalse();
        // Required request fields and nullable answers are typed so a generated client gets them right.
        assertThat(doc.at("/components/schemas/CreateServer/required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("hostname", "region", "plan", "template");
        assertThat(doc.at("/components/schemas/CreateServer/properties").has("userData")).isTrue();
        assertThat(doc.at("/components/schemas/CreateServer/properties").has("rootPassword")).isTrue();
        assertThat(doc.at("/components/schemas/JobView/properties/error/type")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("string", "null");

        // The console read documents its own problems: bytes out of range, no log on the node, a silent node.
        JsonNode console = doc.at("/paths/~1api~1v1~1servers~1{id}~1console/get/responses");
        assertThat(console.at("/400/content/application~1problem+json/examples/problem/value/errors/bytes")
                .asText()).contains("1048576");
        assertThat(console.at("/409/description").asText()).contains("keeps no console log");
        assertThat(console.at("/503/headers/Retry-After").isMissingNode()).isFalse();
        assertThat(console.at("/200/content/application~1json/examples/example/value/state").asText())
                .isEqualTo("SHOWN");
    }

    /**
     * Every text field of every request body says how long it may be, and says what the API takes: the bound is read
     * from the same annotation as the body is, so a client can check before it sends.
     */
    @Test
    void everyTextFieldOfARequestBodyHasItsMaxLength() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json")
                .get(management() + "/q/openapi").then().statusCode(200).extract().asString());
        List<String> unbounded = new ArrayList<>();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext();) {
            for (JsonNode body : paths.next().getValue().findValues("requestBody")) {
                String ref = body.at("/content/application~1json/schema/$ref").asText();
                if (ref.isEmpty()) {
                    continue;
                }
                JsonNode schema = doc.at(ref.substring(1));
                for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props
                        .hasNext();) {
                    Map.Entry<String, JsonNode> prop = props.next();
                    JsonNode text = prop.getValue().has("items") ? prop.getValue().get("items") : prop.getValue();
                    if (text.path("type").asText().equals("string") && !text.has("format") && !text.has("enum")) {
                        checked++;
                        if (!text.has("maxLength")) {
                            unbounded.add(ref + "." + prop.getKey());
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
        assertThat(unbounded).isEmpty();
        assertThat(doc.at("/components/schemas/CreateServer/properties/hostname/maxLength").asInt()).isEqualTo(1000);
        assertThat(doc.at("/components/schemas/NewSshKey/properties/publicKey/maxLength").asInt())
                .isEqualTo(16 * 1024);
        assertThat(doc.at("/components/schemas/NewSubAccount/properties/name/maxLength").asInt()).isEqualTo(255);
        assertThat(doc.at("/components/schemas/NewToken/properties/allowedIps/items/maxLength").asInt())
                .isEqualTo(255);
    }

    /** A response as written, or the shared one its $ref names. */
    private static JsonNode resolved(JsonNode doc, JsonNode response) {
        String ref = response.path("$ref").asText();
        return ref.isEmpty() ? response : doc.at(ref.substring(1));
    }

    @Test
    void swaggerUiIsServed() {
        given().redirects().follow(true).get(management() + "/q/swagger-ui/").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("swagger"));
    }
}
