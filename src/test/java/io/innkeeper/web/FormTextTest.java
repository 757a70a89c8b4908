package io.innkeeper.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.account.SshKey;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;

/**
 * A portal form or query parameter with a NUL, control or bidi character answers 400 naming the problem, never
 * 500; a textarea keeps its line breaks.
 */
@QuarkusTest
class FormTextTest {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGNPmxl5j1JwOuDcJvMvUiLq9WTwWMn20lEe5PZzCVV0 formtext";

    static final String UTF8_FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    @Inject
    Fixtures fixtures;

    UUID tenant;

    @BeforeEach
    void setUp() {
        tenant = fixtures.customer("fiona");
    }

    @Test
    @TestSecurity(user = "fiona", roles = "customer")
    void aControlCharacterInAFormFieldIsA400AndStoresNothing() {
        long before = keys();
        for (String name : new String[] { "k\u0000", "k\u0007", "evil\u202Etxt" }) {
            Csrf.form().contentType(UTF8_FORM).formParam("name", name).formParam("publicKey", KEY).post("/ssh-keys")
                    .then().statusCode(400).contentType(containsString("text/html")).body(containsString("U+"));
        }
        Csrf.form().contentType(UTF8_FORM).formParam("name", "k").formParam("publicKey", KEY + "\u0000")
                .post("/ssh-keys").then().statusCode(400);
        assertThat(keys()).isEqualTo(before);
        Csrf.form().contentType(UTF8_FORM).formParam("name", "fine").formParam("publicKey", KEY + "\r\n")
                .post("/ssh-keys").then().statusCode(303);
        assertThat(keys()).isEqualTo(before + 1);
        given().queryParam("q", "a\u0000b").get("/servers").then().statusCode(400).body(containsString("U+0000"));
    }

    @Transactional
    long keys() {
        return SshKey.count("tenantId", tenant);
    }
}
