package io.innkeeper.tenancy;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The few calls of Keycloak's Admin REST API (and its token endpoint) the panel makes, for the Quarkus REST client;
 * {@link Logins} builds it against the realm's server. Paths are relative to Keycloak's base address.
 */
@Path("/")
public interface KeycloakAdminApi {

    /** A token answer of the client-credentials grant. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {
    }

    /** A user as Keycloak answers it, the fields the panel reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record User(String id, String username, String email, Boolean emailVerified, Boolean enabled,
            List<String> requiredActions) {
    }

    /** A user to create: no password; the person sets one from the actions mail. */
    record NewUser(String username, String email, boolean enabled, boolean emailVerified) {
    }

    @POST
    @Path("realms/{realm}/protocol/openid-connect/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Token token(@PathParam("realm") String realm, @FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret);

    @GET
    @Path("admin/realms/{realm}/users")
    @Produces(MediaType.APPLICATION_JSON)
    List<User> find(@HeaderParam("Authorization") String bearer, @PathParam("realm") String realm,
            @QueryParam("email") String email, @QueryParam("username") String username,
            @QueryParam("exact") boolean exact);

    @GET
    @Path("admin/realms/{realm}/users/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    User get(@HeaderParam("Authorization") String bearer, @PathParam("realm") String realm,
            @PathParam("id") String id);

    /** Answers 201 with the new user's address in {@code Location}. */
    @POST
    @Path("admin/realms/{realm}/users")
    @Consumes(MediaType.APPLICATION_JSON)
    Response create(@HeaderParam("Authorization") String bearer, @PathParam("realm") String realm, NewUser user);

    @PUT
    @Path("admin/realms/{realm}/users/{id}/execute-actions-email")
    @Consumes(MediaType.APPLICATION_JSON)
    void executeActionsEmail(@HeaderParam("Authorization") String bearer, @PathParam("realm") String realm,
            @PathParam("id") String id, @QueryParam("client_id") String clientId,
            @QueryParam("redirect_uri") String redirectUri, @QueryParam("lifespan") Long lifespanSeconds,
            List<String> actions);

    @PUT
    @Path("admin/realms/{realm}/users/{id}/send-verify-email")
    void sendVerifyEmail(@HeaderParam("Authorization") String bearer, @PathParam("realm") String realm,
            @PathParam("id") String id, @QueryParam("client_id") String clientId,
            @QueryParam("redirect_uri") String redirectUri);
}
