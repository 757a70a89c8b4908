package io.innkeeper.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.innkeeper.tenancy.AccountChoice;

/**
 * Completes the OpenAPI document of {@code /api/v1}: the bearer scheme (panel token or Keycloak access token), the
 * problem+json errors every operation can answer, an example for each operation's request and answer (from
 * {@link ApiExamples}), and the most characters each text field of a request body takes, as {@link ApiJson} reads
 * it ({@link ApiRequests#maxLength}).
 */
public class ApiDocs implements OASFilter {

    private static final String PROBLEM = "application/problem+json";

    /** A problem only some operations answer: its status, what it means, and the fields it names. */
    private record Answer(String status, String description, Map<String, String> errors) {
    }

    /** The problems particular to one operation, documented before (and so instead of) the shared ones. */
    private static final Map<String, List<Answer>> OWN = Map.of("getServerConsole", List.of(
            new Answer("400", "bytes is out of range.", Map.of("bytes",
                    "bytes is a whole number from 1 to 1048576, how much of the log's end to send; 16384 when not "
                            + "given.")),
            new Answer("409", "The server's node keeps no console log the panel can read (containers keep none).",
                    Map.of()),
            new Answer("503", "The server's node did not send its console log in time; see Retry-After.",
                    Map.of())), "createServer", List.of(
            new Answer("422", "Part of the order is another order's already: the hostname, the externalRef, or the "
                    + "Idempotency-Key (sent before with a different order).",
                    Map.of("hostname", "You already have a server called web-1.example.com."))));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSecurityScheme("bearer", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A panel API token (ikp_...) made under /api/v1/tokens, or a Keycloak access token."));
        openAPI.getComponents().addSchema("Problem", OASFactory.createSchema()
                .type(List.of(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details; errors maps each offending field to the reason.")
                .addProperty("type", string()).addProperty("title", string())
                .addProperty("status", OASFactory.createSchema()
                        .type(List.of(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER)))
                .addProperty("detail", string()).addProperty("instance", string())
                .addProperty("requestId", string())
                .addProperty("errors", OASFactory.createSchema()
                        .type(List.of(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.OBJECT))
                        .additionalPropertiesSchema(string())));
        bound(openAPI.getComponents().getSchemas());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/v1")) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                document(op.getKey(), op.getValue());
            }
        }
    }

    /** Sets {@code maxLength} on the text fields (and the texts of list fields) of each request body's schema. */
    static void bound(Map<String, org.eclipse.microprofile.openapi.models.media.Schema> schemas) {
        if (schemas == null) {
            return;
        }
        for (Class<?> body : ApiRequests.class.getDeclaredClasses()) {
            org.eclipse.microprofile.openapi.models.media.Schema schema = schemas.get(body.getSimpleName());
            if (!body.isRecord() || schema == null || schema.getProperties() == null) {
                continue;
            }
            for (RecordComponent field : body.getRecordComponents()) {
                org.eclipse.microprofile.openapi.models.media.Schema property = schema.getProperties()
                        .get(field.getName());
                int max = ApiRequests.maxLength(field.getAnnotation(ApiRequests.Bounded.class));
                if (property == null) {
                    continue;
                }
                if (field.getType() == String.class) {
                    property.setMaxLength(max);
                } else if (List.class.isAssignableFrom(field.getType()) && property.getItems() != null
                        && field.getGenericType() instanceof ParameterizedType list
                        && list.getActualTypeArguments()[0] == String.class) {
                    property.getItems().setMaxLength(max);
                }
            }
        }
    }

    private static void document(PathItem.HttpMethod method, Operation operation) {
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer", List.of()));
        operation.addParameter(OASFactory.createParameter().name(AccountChoice.HEADER).in(Parameter.In.HEADER)
                .required(false).schema(string().format("uuid"))
                .description("With a Keycloak access token of a login in several accounts: the id of the account "
                        + "to act for (else its oldest). An account the login is not in answers 403. Panel tokens "
                        + "act for their own account and ignore it."));
        ApiExamples.Example example = ApiExamples.of(operation.getOperationId());
        if (example.request() != null && operation.getRequestBody() != null) {
            MediaType json = mediaType(operation.getRequestBody().getContent(), "application/json");
            json.addExample("example", OASFactory.createExample().value(ApiExamples.parse(example.request())));
        }
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
                if (response.getKey().startsWith("2") && example.response() != null) {
                    if (response.getValue().getContent() == null) {
                        response.getValue().setContent(OASFactory.createContent());
                    }
                    mediaType(response.getValue().getContent(), "application/json").addExample("example",
                            OASFactory.createExample().value(ApiExamples.parse(example.response())));
                }
            }
        }
        for (Answer own : OWN.getOrDefault(operation.getOperationId(), List.of())) {
            error(operation, own.status(), own.description(), own.errors());
        }
        error(operation, "400", "Invalid input: the fields at fault are named in errors.",
                Map.of("hostname", "A hostname has letters, digits and hyphens between dots."));
        error(operation, "401", "No valid token was sent.", Map.of());
        error(operation, "403", "The token may not do this (read-only, or not a reseller), or "
                + AccountChoice.HEADER + " names an account the login is not in.", Map.of());
        error(operation, "404", "Not found, or not yours to see.", Map.of());
        error(operation, "429", "Rate limit reached; see Retry-After.", Map.of());
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
            error(operation, "413", "The body is larger than 65536 bytes.", Map.of());
            error(operation, "422", "The Idempotency-Key was used with another request.",
                    Map.of("Idempotency-Key", "This Idempotency-Key was already used with a different request."));
        }
    }

    private static void error(Operation operation, String status, String description, Map<String, String> errors) {
        if (operation.getResponses().hasAPIResponse(status)) {
            return;
        }
        Map<String, Object> problem = Map.of("type", "about:blank", "title", description, "status",
                Integer.parseInt(status), "detail", description, "instance", "/api/v1/servers", "requestId",
                "0b6f0c0e-6d7c-4a55-9e41-3f1a2b7c9d10", "errors", errors);
        APIResponse answer = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))
                        .addExample("problem", OASFactory.createExample().value(problem))));
        if (status.equals("429") || status.equals("503")) {
            answer.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before trying "
                    + "again.").schema(OASFactory.createSchema()
                    .type(List.of(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER))));
        }
        operation.getResponses().addAPIResponse(status, answer);
    }

    private static org.eclipse.microprofile.openapi.models.media.Schema string() {
        return OASFactory.createSchema()
                .type(List.of(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING));
    }

    private static MediaType mediaType(Content content, String type) {
        MediaType media = content.getMediaType(type);
        if (media == null) {
            media = content.getMediaTypes() == null || content.getMediaTypes().isEmpty() ? null
                    : content.getMediaTypes().values().iterator().next();
        }
        if (media == null) {
            media = OASFactory.createMediaType();
            content.addMediaType(type, media);
        }
        return media;
    }
}
