package io.innkeeper.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/**
 * What a browser does for CSRF: fetch a page to get the token cookie, then send the token back with the form.
 */
public final class Csrf {

    public static final String COOKIE = "csrf-token";
    public static final String FIELD = "csrf-token";

    private Csrf() {
    }

    /** A request carrying a valid token, as the panel's own forms send it. */
    public static RequestSpecification form() {
        return formFrom("/servers");
    }

    /** A request carrying the token that {@code page} sets, for a form on a page that needs no sign-in. */
    public static RequestSpecification formFrom(String page) {
        String token = given().get(page).then().extract().cookie(COOKIE);
        if (token == null) {
            throw new IllegalStateException("GET " + page + " set no CSRF cookie");
        }
        return given().cookie(COOKIE, token).formParam(FIELD, token).redirects().follow(false);
    }

    /** A request whose form token does not match its cookie: a forged cross-site post. */
    public static RequestSpecification forged() {
        String token = given().get("/servers").then().extract().cookie(COOKIE);
        return given().cookie(COOKIE, token).formParam(FIELD, "forged" + token.substring(6)).redirects()
                .follow(false);
    }
}
