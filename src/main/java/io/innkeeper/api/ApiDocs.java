package io.innkeeper.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.innkeeper.tenancy.AccountChoice;
import io.smallrye.openapi.api.util.FilterUtil;

/**
 * Makes the served OpenAPI document the account API's own: only the {@code /api/v1} operations (the portals', the
 * admin's and cloud-init's routes are pages, not the API), the two bearer schemes (panel token or Keycloak access
 * token), the problem+json errors every operation can answer described once under {@code components/responses}, an
 * example for each operation's request and answer (from {@link ApiExamples}), and the most characters each text
 * field of a request body takes, as {@link ApiJson} reads it ({@link ApiRequests#maxLength}). The document is
 * committed as {@code docs/api/openapi.json}, which the tests lint and generate a client from (ApiSnapshotTest).
 */
public class ApiDocs implements OASFilter {

    private static final String PROBLEM = "application/problem+json";
    private static final String PREFIX = "/api/v1/";
    private static final String PANEL_TOKEN = "panelToken";
    private static final String KEYCLOAK = "keycloakToken";
    private static final String ACCOUNT_PARAMETER = "Account";

    /** The problems every operation may answer, described once under components/responses and referred to. */
    private enum Shared {
        BadRequest("400", "Invalid input: the fields at fault are named in errors.",
                Map.of("hostname", "A hostname has letters, digits and hyphens between dots.")),
        Unauthorized("401", "No valid token was sent.", Map.of()),
        Forbidden("403", "The token may not do this (read-only, or not a reseller), or " + AccountChoice.HEADER
                + " names an account the login is not in.", Map.of()),
        NotFound("404", "Not found, or not yours to see.", Map.of()),
        TooManyRequests("429", "Rate limit reached; see Retry-After.", Map.of()),
        PayloadTooLarge("413", "The body is larger than " + ApiEdge.MAX_BYTES + " bytes.", Map.of()),
        IdempotencyKeyReused("422", "The Idempotency-Key was used with another request.",
                Map.of("Idempotency-Key", "This Idempotency-Key was already used with a different request."));

        final String status;
        final String description;
        final Map<String, String> errors;

        Shared(String status, String description, Map<String, String> errors) {
            this.status = status;
            this.description = description;
            this.errors = errors;
        }

        /** Whether an operation of this method can answer it: the body's problems only where a body is taken. */
        boolean applies(PathItem.HttpMethod method) {
            return !(this == PayloadTooLarge || this == IdempotencyKeyReused) || method == PathItem.HttpMethod.POST
                    || method == PathItem.HttpMethod.PUT;
        }
    }

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
        keepOnlyTheApi(openAPI);
        openAPI.setOpenapi("3.1.0");
        openAPI.setServers(List.of(OASFactory.createServer().url("{panel}")
                .description("The provider's panel, where its customers sign in")
                .variables(Map.of("panel", OASFactory.createServerVariable().defaultValue("http://localhost:8080")
                        .description("The panel's address: its scheme, host and port (bin/run's by default)")))));
        openAPI.getInfo().description("The account API of an Innkeeper panel: order and control servers, manage "
                + "sub-accounts, their quotas and API tokens, read jobs and invoices, and receive signed webhooks. "
                + "Every POST takes an Idempotency-Key; every error is problem+json naming the fields at fault.");
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents()
                : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSecurityScheme(PANEL_TOKEN, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("ikp_ panel token")
                .description("A panel API token (ikp_...) made under /api/v1/tokens: it acts for its own account."));
        components.addSecurityScheme(KEYCLOAK, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A Keycloak access token of a login; with several accounts, the " + AccountChoice.HEADER
                        + " header chooses the one to act for."));
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(PANEL_TOKEN, List.of()),
                OASFactory.createSecurityRequirement().addScheme(KEYCLOAK, List.of())));
        components.addSchema("Problem", OASFactory.createSchema()
                .type(List.of(SchemaType.OBJECT))
                .description("RFC 9457 problem details; errors maps each offending field to the reason.")
                .addProperty("type", string()).addProperty("title", string())
                .addProperty("status", OASFactory.createSchema().type(List.of(SchemaType.INTEGER)))
                .addProperty("detail", string()).addProperty("instance", string())
                .addProperty("requestId", string())
                .addProperty("errors", OASFactory.createSchema().type(List.of(SchemaType.OBJECT))
                        .additionalPropertiesSchema(string()))
                .required(List.of("type", "title", "status")));
        components.addParameter(ACCOUNT_PARAMETER, OASFactory.createParameter().name(AccountChoice.HEADER)
                .in(Parameter.In.HEADER).required(false).schema(string().format("uuid"))
                .description("With a Keycloak access token of a login in several accounts: the id of the account "
                        + "to act for (else its oldest). An account the login is not in answers 403. Panel tokens "
                        + "act for their own account and ignore it."));
        for (Shared shared : Shared.values()) {
            components.addResponse(shared.name(), problem(shared.status, shared.description, shared.errors));
        }
        bound(components.getSchemas());
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                document(op.getKey(), op.getValue());
            }
        }
    }

    /**
     * Leaves the /api/v1 operations only: the portals' pages, the admin's and cloud-init's routes are not the API.
     * The schemas only they used go too (SmallRye's own unused-schema filter, run after the paths are gone), and the
     * tags no operation names.
     */
    private static void keepOnlyTheApi(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            openAPI.setPaths(OASFactory.createPaths());
            return;
        }
        List.copyOf(openAPI.getPaths().getPathItems().keySet()).stream().filter(path -> !path.startsWith(PREFIX))
                .forEach(openAPI.getPaths()::removePathItem);
        keepReachableSchemas(openAPI);
        Set<String> named = new java.util.HashSet<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(op -> named.addAll(op.getTags() == null ? List.of() : op.getTags())));
        if (openAPI.getTags() != null) {
            openAPI.setTags(openAPI.getTags().stream().filter(tag -> named.contains(tag.getName())).toList());
        }
    }

    /**
     * Removes the schemas no operation reaches. SmallRye's unused-schema filter runs before this filter and keeps
     * schemas that only refer to each other (the pages' template classes do), so the walk starts from the paths.
     */
    private static void keepReachableSchemas(OpenAPI openAPI) {
        Map<String, org.eclipse.microprofile.openapi.models.media.Schema> all = openAPI.getComponents() == null
                ? null : openAPI.getComponents().getSchemas();
        if (all == null) {
            return;
        }
        Refs fromPaths = new Refs();
        FilterUtil.applyFilter(fromPaths, OASFactory.createOpenAPI().paths(openAPI.getPaths()));
        Set<String> reached = new java.util.HashSet<>();
        java.util.Deque<String> next = new java.util.ArrayDeque<>(fromPaths.names);
        while (!next.isEmpty()) {
            String name = next.pop();
            if (all.containsKey(name) && reached.add(name)) {
                Refs inner = new Refs();
                FilterUtil.applyFilter(inner, OASFactory.createOpenAPI().components(OASFactory.createComponents()
                        .addSchema(name, all.get(name))));
                next.addAll(inner.names);
            }
        }
        List.copyOf(all.keySet()).stream().filter(name -> !reached.contains(name))
                .forEach(openAPI.getComponents()::removeSchema);
    }

    /** Collects the names of the component schemas the schemas it is shown refer to. */
    private static final class Refs implements OASFilter {
        private static final String SCHEMAS = "#/components/schemas/";
        final Set<String> names = new java.util.HashSet<>();

        @Override
        public org.eclipse.microprofile.openapi.models.media.Schema filterSchema(
                org.eclipse.microprofile.openapi.models.media.Schema schema) {
            if (schema.getRef() != null && schema.getRef().startsWith(SCHEMAS)) {
                names.add(schema.getRef().substring(SCHEMAS.length()));
            }
            return schema;
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
        operation.addParameter(OASFactory.createParameter().ref(ACCOUNT_PARAMETER));
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
            if (!operation.getResponses().hasAPIResponse(own.status())) {
                operation.getResponses().addAPIResponse(own.status(), problem(own.status(), own.description(),
                        own.errors()));
            }
        }
        // An error an operation's annotations name without a body is a problem too.
        operation.getResponses().getAPIResponses().forEach((status, answer) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && answer.getRef() == null
                    && answer.getContent() == null) {
                answer.setContent(problemContent(status, answer.getDescription(), Map.of()));
                retryAfter(status, answer);
            }
        });
        for (Shared shared : Shared.values()) {
            if (shared.applies(method) && !operation.getResponses().hasAPIResponse(shared.status)) {
                operation.getResponses().addAPIResponse(shared.status,
                        OASFactory.createAPIResponse().ref(shared.name()));
            }
        }
        for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
            if (!response.getKey().equals("401") && !response.getKey().equals("413")) {
                rateLimitHeaders(response.getValue());
            }
        }
    }

    /** The client's rate limit, on every answer to an identified client (see {@link ApiAccess}). */
    private static void rateLimitHeaders(APIResponse answer) {
        answer.addHeader(ApiAccess.LIMIT, integerHeader("Requests the client's bucket holds when full."));
        answer.addHeader(ApiAccess.REMAINING, integerHeader("Requests left in the bucket after this one."));
        answer.addHeader(ApiAccess.RESET, integerHeader("Seconds until the bucket is full again."));
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header integerHeader(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema()
                .type(List.of(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER)));
    }

    /** An error answer: problem+json with an example naming the fields, and Retry-After where it applies. */
    private static APIResponse problem(String status, String description, Map<String, String> errors) {
        APIResponse answer = OASFactory.createAPIResponse().description(description)
                .content(problemContent(status, description, errors));
        retryAfter(status, answer);
        return answer;
    }

    private static Content problemContent(String status, String description, Map<String, String> errors) {
        Map<String, Object> problem = new java.util.LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", description);
        problem.put("status", Integer.parseInt(status));
        problem.put("detail", description);
        problem.put("instance", "/api/v1/servers");
        problem.put("requestId", "0b6f0c0e-6d7c-4a55-9e41-3f1a2b7c9d10");
        problem.put("errors", errors);
        return OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("Problem"))
                .addExample("problem", OASFactory.createExample().value(problem)));
    }

    private static void retryAfter(String status, APIResponse answer) {
        if (status.equals("429") || status.equals("503")) {
            answer.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before trying "
                    + "again.").schema(OASFactory.createSchema().type(List.of(SchemaType.INTEGER))));
        }
    }

    private static org.eclipse.microprofile.openapi.models.media.Schema string() {
        return OASFactory.createSchema()
                .type(List.of(SchemaType.STRING));
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
