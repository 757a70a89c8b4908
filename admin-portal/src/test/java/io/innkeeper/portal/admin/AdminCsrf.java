package io.innkeeper.portal.admin;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

import io.innkeeper.testing.Csrf;

/** What an admin's browser does for CSRF: fetch an admin page for the token cookie, send the token with the form. */
public final class AdminCsrf {

    private AdminCsrf() {
    }

    public static RequestSpecification form() {
        String token = given().get("/admin").then().statusCode(200).extract().cookie(Csrf.COOKIE);
        if (token == null) {
            throw new IllegalStateException("GET /admin set no CSRF cookie");
        }
        return given().cookie(Csrf.COOKIE, token).formParam(Csrf.FIELD, token).redirects().follow(false);
    }
}
