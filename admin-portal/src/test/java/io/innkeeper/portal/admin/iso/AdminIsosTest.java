package io.innkeeper.portal.admin.iso;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.provisioning.iso.IsoLibrary;
import io.innkeeper.testing.Fixtures;

/** The admin's ISO library page: add with every field checked and named inline, list, remove; audited. */
@QuarkusTest
@TestSecurity(user = "iso-admin", roles = "admin")
class AdminIsosTest {

    @Inject
    Fixtures fixtures;

    @Inject
    IsoLibrary library;

    @Test
    void addsListsAndRemovesAnIso() {
        Fixtures.Catalog catalog = fixtures.catalog();
        String file = "debian-" + UUID.randomUUID().toString().substring(0, 8) + ".iso";
        String sha = "0123456789abcdef".repeat(4);
        AdminCsrf.form().formParam("regionId", catalog.region().toString()).formParam("name", "Debian " + file)
                .formParam("fileName", file).formParam("sha256", sha.toUpperCase())
                .post("/admin/isos").then().statusCode(303);
        given().get("/admin/isos").then().statusCode(200).body(containsString("data-iso=\"" + file + "\""),
                containsString(sha), containsString("Test Region"), containsString("ISO library"));
        // The same file again in the region is refused, by its field.
        AdminCsrf.form().formParam("regionId", catalog.region().toString()).formParam("name", "Other")
                .formParam("fileName", file).formParam("sha256", sha).post("/admin/isos").then().statusCode(422)
                .body(containsString("id=\"fileName-error\""), containsString("already"));

        UUID id = library.list().stream().filter(r -> r.fileName().equals(file)).findFirst().orElseThrow().id();
        AdminCsrf.form().post("/admin/isos/" + id + "/remove").then().statusCode(303);
        given().get("/admin/isos").then().statusCode(200).body(not(containsString("data-iso=\"" + file + "\"")));
        assertThat(library.list()).noneMatch(r -> r.id().equals(id));
    }

    @Test
    void badFieldsAreNamedInline() {
        AdminCsrf.form().formParam("regionId", "").formParam("name", "x".repeat(81))
                .formParam("fileName", "../etc/passwd").formParam("sha256", "abc")
                .post("/admin/isos").then().statusCode(422)
                .body(containsString("id=\"regionId-error\""), containsString("id=\"name-error\""),
                        containsString("id=\"fileName-error\""), containsString("id=\"sha256-error\""));
        AdminCsrf.form().formParam("regionId", "not-a-uuid").formParam("name", "ok")
                .formParam("fileName", "ok.img").formParam("sha256", "g".repeat(64))
                .post("/admin/isos").then().statusCode(422)
                .body(containsString("id=\"regionId-error\""), containsString("id=\"fileName-error\""),
                        containsString("id=\"sha256-error\""));
    }
}
