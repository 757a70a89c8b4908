package io.innkeeper.api;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers for failures only the API has. */
public class ApiExceptions {

    @Inject
    ApiResponses responses;

    @ServerExceptionMapper
    public Response tooLarge(TooLarge e) {
        return responses.problem(413, "Body too large", e.getMessage(), Map.of("body", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response reused(Idempotency.KeyReused e) {
        return responses.problem(422, "Idempotency key reused", e.getMessage(),
                Map.of("Idempotency-Key", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response noLoginLink(io.innkeeper.tenancy.LoginLinks.Refused e) {
        return responses.problem(409, "No sign-in link for this account", e.getMessage(),
                Map.of("account", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response inFlight(Idempotency.InFlight e) {
        return Response.fromResponse(responses.problem(409, "Request in progress", e.getMessage(),
                Map.of("Idempotency-Key", e.getMessage()))).header("Retry-After", "1").build();
    }
}
