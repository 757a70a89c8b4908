package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.account.SubAccounts;
import io.innkeeper.audit.Actor;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.tenancy.TenantStatus;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.Servers;

/** A reseller makes a customer account and invites its owner, resends, revokes, renames and closes, in the portal. */
@QuarkusTest
class CustomerOnboardingPagesTest {

    @Inject
    Fixtures fixtures;

    @Inject
    SubAccounts subAccounts;

    @Inject
    QuotaService quotas;

    @Inject
    Servers servers;

    UUID reseller;

    @BeforeEach
    void setUp() {
        reseller = fixtures.tenantOf("onno", TenantKind.RESELLER, null);
    }

    @Test
    @TestSecurity(user = "onno", roles = "reseller")
    void aResellerMakesACustomerInvitesItsOwnerRenamesAndClosesIt() {
        String name = "Onno client " + UUID.randomUUID().toString().substring(0, 6);
        int before = subAccounts.list(reseller, null).size();
        Csrf.form().formParam("name", name).formParam("email", "not an address").post("/customers").then()
                .statusCode(422).body(containsString("id=\"email-error\""), containsString("value=\"" + name));
        Csrf.form().formParam("name", "n".repeat(10_000)).formParam("email", Mailbox.freshAddress("o")).post(
                "/customers").then().statusCode(422).body(containsString("id=\"name-error\""));
        assertThat(subAccounts.list(reseller, null)).hasSize(before);

        String owner = Mailbox.freshAddress("onno-owner");
        String location = Csrf.form().formParam("name", name).formParam("email", owner).post("/customers").then()
                .statusCode(303).extract().header("Location");
        UUID customer = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(Mailbox.await(owner, "Invitation to " + name).text()).contains("an owner");
        given().get("/customers/" + customer).then().statusCode(200).body(containsString(owner),
                containsString("Resend"), containsString("Revoke"), containsString("Close the account"));
        UUID invitation = subAccounts.invitations(reseller, customer).get(0).id();
        Csrf.form().post("/customers/" + customer + "/invitations/" + invitation + "/revoke").then().statusCode(303);
        given().get("/customers/" + customer).then().statusCode(200).body(not(containsString(owner)));

        Csrf.form().formParam("email", "x@").formParam("role", "OWNER").post("/customers/" + customer + "/invitations")
                .then().statusCode(422).body(containsString("id=\"email-error\""));
        String second = Mailbox.freshAddress("onno-second");
        Csrf.form().formParam("email", second).formParam("role", "MEMBER").post("/customers/" + customer
                + "/invitations").then().statusCode(303);
        assertThat(subAccounts.invitations(reseller, customer)).extracting(i -> i.email()).containsExactly(second);

        Csrf.form().formParam("name", "Renamed " + name).post("/customers/" + customer + "/rename").then()
                .statusCode(303);
        given().get("/customers").then().statusCode(200).body(containsString("Renamed " + name));
        Csrf.form().post("/customers/" + customer + "/close").then().statusCode(303);
        given().get("/customers/" + customer).then().statusCode(200).body(containsString("This account is closed"),
                not(containsString("Send invitation")));
        Csrf.form().post("/customers/" + customer + "/close").then().statusCode(422)
                .body(containsString("closed already"));
    }

    @Test
    @TestSecurity(user = "onno", roles = "reseller")
    void closingIsRefusedWhileTheAccountHasServersAndNamesThem() {
        Fixtures.Catalog catalog = fixtures.catalog();
        quotas.set(Actor.SYSTEM, reseller, new QuotaLimits(20, 40, 100_000, 1000, 20, 20, null, null, null));
        UUID customer = fixtures.tenantOf("onno-c1", TenantKind.CUSTOMER, reseller);
        quotas.set(Actor.SYSTEM, customer, new QuotaLimits(5, 5, 8192, 100, 5, 5, null, null, null));
        String hostname = Fixtures.hostname("keeps-open");
        servers.order(customer, catalog, hostname);
        Csrf.form().post("/customers/" + customer + "/close").then().statusCode(422)
                .body(containsString("Delete the account"), containsString(hostname));
        assertThat(subAccounts.detail(reseller, customer).account().status()).isEqualTo(TenantStatus.ACTIVE);
    }

    @Test
    @TestSecurity(user = "onno", roles = "reseller")
    void anotherResellersCustomerAnswersNotFoundForInvitationsToo() {
        UUID otherReseller = fixtures.tenantOf("otto-reseller", TenantKind.RESELLER, null);
        UUID foreign = fixtures.tenantOf("otto-client", TenantKind.CUSTOMER, otherReseller);
        Csrf.form().formParam("email", Mailbox.freshAddress("steal")).formParam("role", "OWNER")
                .post("/customers/" + foreign + "/invitations").then().statusCode(404);
        Csrf.form().post("/customers/" + foreign + "/close").then().statusCode(404);
        Csrf.form().formParam("name", "Mine now").post("/customers/" + foreign + "/rename").then().statusCode(404);
    }
}
