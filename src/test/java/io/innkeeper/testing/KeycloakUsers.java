package io.innkeeper.testing;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;

/**
 * Logins made for a test in the run's real Keycloak, through its Admin REST API as the local Keycloak's bootstrap
 * admin (admin/admin, a local dev Keycloak only; see bin/lib.sh). For tests that need a person who can sign in but
 * is not one of the realm file's demo users. The panel itself never uses this: it manages logins through its own
 * service account.
 */
public final class KeycloakUsers {

    private KeycloakUsers() {
    }

    /** The Keycloak the run's scripts started (bin/lib.sh exports its address). */
    public static String base() {
        String url = System.getenv("INNKEEPER_KEYCLOAK_URL");
        return url == null || url.isBlank() ? "http://127.0.0.1:8180" : url;
    }

    /** The innkeeper realm's address, as the panel's OIDC configuration names it. */
    public static String realm() {
        return base() + "/realms/innkeeper";
    }

    private static String adminToken() {
        return given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(base() + "/realms/master/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
    }

    /**
     * Makes an enabled login with a verified address and a password that is not temporary, and answers its
     * Keycloak id. The realm's password policy holds: at least 8 characters, neither the username nor the
     * address. The realm makes the address the username (e-mail as username), so pass the same for both. {@code realmRoles} are added (customer, reseller or admin), none if empty.
     */
    public static String create(String username, String email, String password, String... realmRoles) {
        return create(username, email, List.of(passwordCredential(password)), realmRoles);
    }

    private static Map<String, Object> passwordCredential(String password) {
        return Map.of("type", "password", "value", password, "temporary", false);
    }

    private static String create(String username, String email, List<Map<String, Object>> credentials,
            String... realmRoles) {
        String token = adminToken();
        String location = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", email, "enabled", true, "emailVerified", true,
                        "firstName", "Test", "lastName", "Person", "credentials", credentials))
                .post(base() + "/admin/realms/innkeeper/users").then().statusCode(201).extract()
                .header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (realmRoles.length > 0) {
            List<Map<String, Object>> roles = new java.util.ArrayList<>();
            for (String role : realmRoles) {
                roles.add(given().auth().oauth2(token).get(base() + "/admin/realms/innkeeper/roles/" + role).then()
                        .statusCode(200).extract().jsonPath().getMap(""));
            }
            given().auth().oauth2(token).contentType(ContentType.JSON).body(roles)
                    .post(base() + "/admin/realms/innkeeper/users/" + id + "/role-mappings/realm").then()
                    .statusCode(204);
        }
        return id;
    }

    /**
     * As {@link #create}, with a TOTP authenticator already enrolled: Keycloak stores {@code otpSecret} as the key's
     * raw text, as the realm file does for the demo admin. {@link Totp} then computes the login's codes.
     */
    public static String createWithAuthenticator(String username, String email, String password, String otpSecret,
            String... realmRoles) {
        Map<String, Object> otp = Map.of("type", "otp", "userLabel", "test authenticator",
                "secretData", "{\"value\":\"" + otpSecret + "\"}",
                "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                        + "\"algorithm\":\"HmacSHA1\"}");
        String id = create(username, email, List.of(passwordCredential(password), otp), realmRoles);
        Totp.enrolled(username, otpSecret);
        return id;
    }

    /** Whether Keycloak's brute-force detection has locked this login now. */
    public static boolean lockedOut(String username) {
        Boolean disabled = given().auth().oauth2(adminToken())
                .get(base() + "/admin/realms/innkeeper/attack-detection/brute-force/users/" + idOf(username)).then()
                .statusCode(200).extract().path("disabled");
        return Boolean.TRUE.equals(disabled);
    }

    /** The Keycloak id of the login with this username, or null. */
    public static String idOf(String username) {
        List<String> ids = given().auth().oauth2(adminToken()).queryParam("username", username)
                .queryParam("exact", true).get(base() + "/admin/realms/innkeeper/users").then().statusCode(200)
                .extract().jsonPath().getList("id");
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Removes a login a test made; nothing if it is gone already. */
    public static void delete(String username) {
        String id = idOf(username);
        if (id != null) {
            given().auth().oauth2(adminToken()).delete(base() + "/admin/realms/innkeeper/users/" + id);
        }
    }
}
