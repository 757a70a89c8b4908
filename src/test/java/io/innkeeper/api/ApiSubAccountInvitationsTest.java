package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.testing.Mailbox;

/** A reseller invites its customers' owners, lists and revokes invitations, renames and closes accounts, by HTTP. */
@QuarkusTest
class ApiSubAccountInvitationsTest {

    @Inject
    ApiFixtures api;

    @Test
    void aResellerInvitesListsAndRevokesWithProblemsNamingTheField() {
        ApiFixtures.Client reseller = api.reseller("inviting");
        String account = reseller.api().body(Map.of("name", "Invited Bakery")).post("/api/v1/sub-accounts").then()
                .statusCode(201).extract().path("account.id");
        String path = "/api/v1/sub-accounts/" + account + "/invitations";
        String address = Mailbox.freshAddress("owner");
        String key = "inv-" + UUID.randomUUID();
        String id = reseller.api().header("Idempotency-Key", key).body(Map.of("email", address, "role", "OWNER"))
                .post(path).then().statusCode(201).body("email", equalTo(address)).body("role", equalTo("OWNER"))
                .body("state", equalTo("PENDING")).body("account", equalTo(account)).extract().path("id");
        reseller.api().header("Idempotency-Key", key).body(Map.of("email", address, "role", "OWNER")).post(path)
                .then().statusCode(201).body("id", equalTo(id));
        assertThat(Mailbox.await(address, "Invitation to Invited Bakery").text()).contains("/invitations/iki_");
        assertThat(Mailbox.messages(address)).hasSize(1);

        long rows = api.rows("invitation");
        reseller.api().body(Map.of("email", "no-at-sign", "role", "OWNER")).post(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors.email", notNullValue());
        reseller.api().body(Map.of("email", Mailbox.freshAddress("r"), "role", "EMPEROR")).post(path).then()
                .statusCode(400).body("errors.role", notNullValue());
        reseller.api().body(Map.of("email", address, "role", "MEMBER")).post(path).then().statusCode(400)
                .body("errors.email", containsString("resend"));
        reseller.api().body(Map.of("email", "x".repeat(10_000) + "@example.com", "role", "OWNER")).post(path)
                .then().statusCode(400).body("errors.email", notNullValue());
        assertThat(api.rows("invitation")).isEqualTo(rows);

        reseller.api().get(path).then().statusCode(200).body("id", hasItem(id));
        reseller.api().delete(path + "/" + id).then().statusCode(204);
        reseller.api().get(path).then().statusCode(200).body("id", not(hasItem(id)));
        reseller.api().delete(path + "/" + id).then().statusCode(400).body("errors.invitation", notNullValue());
        reseller.api().delete(path + "/" + UUID.randomUUID()).then().statusCode(404);

        ApiFixtures.Client other = api.reseller("other-inviting");
        other.api().get(path).then().statusCode(404);
        other.api().body(Map.of("email", Mailbox.freshAddress("steal"), "role", "OWNER")).post(path).then()
                .statusCode(404);
    }

    @Test
    void aResellerRenamesAndClosesAnAccountWhichThenTakesNoInvitations() {
        ApiFixtures.Client reseller = api.reseller("closing");
        String account = reseller.api().body(Map.of("name", "Soon Closed")).post("/api/v1/sub-accounts").then()
                .statusCode(201).extract().path("account.id");
        String path = "/api/v1/sub-accounts/" + account;
        reseller.api().body(Map.of("name", "Renamed Ltd")).patch(path).then().statusCode(200)
                .body("account.name", equalTo("Renamed Ltd"));
        reseller.api().body(Map.of("name", "n".repeat(10_000))).patch(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors.name", notNullValue());
        reseller.api().post(path + "/close").then().statusCode(200).body("account.status", equalTo("CLOSED"));
        reseller.api().post(path + "/close").then().statusCode(400).body("errors.account", notNullValue());
        reseller.api().body(Map.of("email", Mailbox.freshAddress("late"), "role", "OWNER"))
                .post(path + "/invitations").then().statusCode(400).body("errors.email", containsString("closed"));
    }
}
