package io.innkeeper.api;

import static io.restassured.RestAssured.given;

/** Access tokens from the test Keycloak (password grant of the panel's client, as the realm file allows). */
final class Keycloak {

    /** The realm the run's scripts started (bin/lib.sh exports its address). */
    static final String REALM = System.getenv().getOrDefault("INNKEEPER_OIDC_AUTH_SERVER_URL",
            "http://127.0.0.1:8180/realms/innkeeper");

    private static final String TOKEN_URL = REALM + "/protocol/openid-connect/token";

    private Keycloak() {
    }

    static String accessToken(String user) {
        return given().formParam("grant_type", "password").formParam("client_id", "innkeeper-panel")
                .formParam("client_secret", "innkeeper-dev-secret").formParam("username", user)
                .formParam("password", user).post(TOKEN_URL).then().statusCode(200).extract().path("access_token");
    }
}
