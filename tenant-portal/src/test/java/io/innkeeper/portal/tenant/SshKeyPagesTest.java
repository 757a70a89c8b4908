package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.account.SshKey;
import io.innkeeper.account.SshKeys;
import io.innkeeper.audit.Actor;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;

/**
 * The SSH keys page: a member adds and deletes keys, a bad key is refused next to its field with nothing stored, a
 * read-only member only looks, and another tenant's key is not there for anyone else.
 */
@QuarkusTest
class SshKeyPagesTest {

    /** Real public keys made with ssh-keygen (their private halves were thrown away). */
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGCP5ZkltsZN79U+sBsk68enS7M/FlR3F7eJ56TiwheQ alice@laptop";
    static final String KEY_FINGERPRINT = "SHA256:t7JWqxx7rd3Wd++QlVLEeuO0FdSHDeEQZtFAVV6q4Zw";
    static final String OTHER_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFw7WqmQJZoaJmG+L2SCtlWj/uzF0k4ZDm3IxYrbqBqG second";

    @Inject
    Fixtures fixtures;

    @Inject
    SshKeys keys;

    UUID tenant;
    UUID other;

    @BeforeEach
    void setUp() {
        tenant = fixtures.customer("kira");
        fixtures.member("kurt", tenant, MemberRole.READ_ONLY);
        other = fixtures.customer("kai");
        clear(tenant);
        clear(other);
    }

    @Test
    @TestSecurity(user = "kira", roles = "customer")
    void addsListsAndDeletesAKey() {
        Csrf.form().formParam("name", " laptop ").formParam("publicKey", KEY + "\n").post("/ssh-keys").then()
                .statusCode(303).header("Location", containsString("/ssh-keys"));
        assertThat(count(tenant)).isEqualTo(1);
        UUID id = only(tenant).id;
        given().get("/ssh-keys").then().statusCode(200).body(containsString("laptop"),
                containsString(KEY_FINGERPRINT), containsString("ssh-ed25519"), containsString("SSH keys</a>"),
                containsString("hx-confirm=\"Delete the SSH key laptop?"));

        given().get("/ssh-keys/" + id + "/delete").then().statusCode(200)
                .body(containsString("Delete the SSH key laptop?"), containsString(KEY_FINGERPRINT),
                        containsString("action=\"/ssh-keys/" + id + "/delete\""));
        Csrf.form().post("/ssh-keys/" + id + "/delete").then().statusCode(303)
                .header("Location", containsString("/ssh-keys"));
        assertThat(count(tenant)).isZero();
        given().get("/ssh-keys").then().statusCode(200).body(containsString("No SSH keys yet"),
                not(containsString(KEY_FINGERPRINT)));
    }

    @Test
    @TestSecurity(user = "kira", roles = "customer")
    void htmxGetsTheKeysSectionBack() {
        Csrf.form().header("HX-Request", "true").formParam("name", "desk").formParam("publicKey", OTHER_KEY)
                .post("/ssh-keys").then().statusCode(200)
                .body(containsString("id=\"ssh-keys\""), containsString("desk"), not(containsString("<html")));
        UUID id = only(tenant).id;
        Csrf.form().header("HX-Request", "true").post("/ssh-keys/" + id + "/delete").then().statusCode(200)
                .body(containsString("id=\"ssh-keys\""), containsString("No SSH keys yet"),
                        not(containsString("<html")));
        assertThat(count(tenant)).isZero();
    }

    @Test
    @TestSecurity(user = "kira", roles = "customer")
    void badKeysAreRefusedNextToTheirFieldAndNothingIsStored() {
        Csrf.form().formParam("name", "cut").formParam("publicKey", "ssh-ed25519 AAAA").post("/ssh-keys").then()
                .statusCode(422).body(containsString("id=\"publicKey-error\""), containsString("aria-invalid=\"true\""),
                        containsString("cut short"), containsString("value=\"cut\""));
        Csrf.form().formParam("name", "oops").formParam("publicKey", "-----BEGIN OPENSSH PRIVATE KEY-----")
                .post("/ssh-keys").then().statusCode(422).body(containsString("This is a private key"));
        Csrf.form().formParam("name", "").formParam("publicKey", KEY).post("/ssh-keys").then().statusCode(422)
                .body(containsString("id=\"name-error\""), containsString("1 to 100 characters"));
        String fragment = Csrf.form().header("HX-Request", "true").formParam("name", "x")
                .formParam("publicKey", "not a key").post("/ssh-keys").then().statusCode(422)
                .body(containsString("id=\"publicKey-error\""), not(containsString("<html"))).extract().asString();
        Labels.assertEveryFieldLabelled(fragment);
        assertThat(count(tenant)).isZero();

        keys.add(Actor.SYSTEM, tenant, "laptop", KEY);
        Csrf.form().formParam("name", "again").formParam("publicKey", KEY).post("/ssh-keys").then().statusCode(422)
                .body(containsString("on the account already"));
        assertThat(count(tenant)).isEqualTo(1);
        Labels.assertEveryFieldLabelled(given().get("/ssh-keys").then().extract().asString());
    }

    @Test
    @TestSecurity(user = "kurt", roles = "customer")
    void readOnlyMemberSeesTheKeysAndChangesNothing() {
        UUID id = keys.add(Actor.SYSTEM, tenant, "laptop", KEY).id();
        given().get("/ssh-keys").then().statusCode(200).body(containsString(KEY_FINGERPRINT),
                not(containsString("Add key")), not(containsString("/delete")));
        for (String action : new String[] { "/ssh-keys", "/ssh-keys/" + id + "/delete" }) {
            Csrf.form().formParam("name", "intruder").formParam("publicKey", OTHER_KEY).post(action).then()
                    .statusCode(403);
            Csrf.form().header("HX-Request", "true").formParam("name", "intruder").formParam("publicKey", OTHER_KEY)
                    .post(action).then().statusCode(403);
        }
        assertThat(count(tenant)).isEqualTo(1);
        assertThat(only(tenant).id).isEqualTo(id);
    }

    @Test
    @TestSecurity(user = "kai", roles = "customer")
    void anotherTenantsKeyIsNotFound() {
        UUID id = keys.add(Actor.SYSTEM, tenant, "kiras-laptop", KEY).id();
        given().get("/ssh-keys").then().statusCode(200).body(not(containsString("kiras-laptop")),
                not(containsString(KEY_FINGERPRINT)));
        given().get("/ssh-keys/" + id + "/delete").then().statusCode(404);
        Csrf.form().post("/ssh-keys/" + id + "/delete").then().statusCode(404);
        Csrf.form().header("HX-Request", "true").post("/ssh-keys/" + id + "/delete").then().statusCode(404);
        given().get("/ssh-keys/not-a-uuid/delete").then().statusCode(404);
        assertThat(count(tenant)).isEqualTo(1);
        assertThat(count(other)).isZero();
    }

    @Transactional
    long count(UUID tenantId) {
        return SshKey.count("tenantId", tenantId);
    }

    @Transactional
    SshKey only(UUID tenantId) {
        return SshKey.<SshKey>find("tenantId", tenantId).singleResult();
    }

    @Transactional
    void clear(UUID tenantId) {
        SshKey.delete("tenantId", tenantId);
    }
}
