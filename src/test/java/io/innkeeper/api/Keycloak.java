package io.innkeeper.api;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

import io.innkeeper.testing.Totp;

/**
 * Access tokens from the test Keycloak, by the password grant of {@code innkeeper-tests}: a client only the local
 * realm file has (the panel's own client does not allow the password grant). A login with an authenticator the
 * tests know (the admin) sends its TOTP code too, as the realm's direct grant flow asks.
 */
final class Keycloak {

    /** The realm the run's scripts started (bin/lib.sh exports its address). */
    static final String REALM = System.getenv().getOrDefault("INNKEEPER_OIDC_AUTH_SERVER_URL",
            "http://127.0.0.1:8180/realms/innkeeper");

    private static final String TOKEN_URL = REALM + "/protocol/openid-connect/token";

    private Keycloak() {
    }

    static String accessToken(String user) {
        if (!Totp.knows(user)) {
            return grant(user).post(TOKEN_URL).then().statusCode(200).extract().path("access_token");
        }
        // A code another process used already (Keycloak takes each once) is refused: the next step's is tried once.
        io.restassured.response.Response first = grant(user).formParam("totp", Totp.next(user)).post(TOKEN_URL);
        io.restassured.response.Response answer = first.statusCode() == 200 ? first
                : grant(user).formParam("totp", Totp.next(user)).post(TOKEN_URL);
        return answer.then().statusCode(200).extract().path("access_token");
    }

    /** A token for a login made by a test with its own password (the realm's policy refuses name-as-password). */
    static String accessToken(String user, String password) {
        return grant(user, password).post(TOKEN_URL).then().statusCode(200).extract().path("access_token");
    }

    private static RequestSpecification grant(String user) {
        return grant(user, user);
    }

    private static RequestSpecification grant(String user, String password) {
        return given().formParam("grant_type", "password").formParam("client_id", "innkeeper-tests")
                .formParam("client_secret", "innkeeper-tests-secret").formParam("username", user)
                .formParam("password", password);
    }
}
