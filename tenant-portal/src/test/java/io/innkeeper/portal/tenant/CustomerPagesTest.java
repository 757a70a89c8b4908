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

import io.innkeeper.audit.Actor;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** A reseller sees its customers, hands each a share of its pool, and sees their servers; nobody else does. */
@QuarkusTest
class CustomerPagesTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    UUID reseller;
    UUID customer;
    UUID otherCustomer;
    String hostname;

    @BeforeEach
    void setUp() {
        Fixtures.Catalog catalog = fixtures.catalog();
        reseller = fixtures.tenantOf("renate", TenantKind.RESELLER, null);
        quotas.set(Actor.SYSTEM, reseller, new QuotaLimits(20, 40, 100_000, 1000, 20, 20, null, null, null));
        customer = fixtures.tenantOf("renate-c1", TenantKind.CUSTOMER, reseller);
        quotas.set(Actor.SYSTEM, customer, new QuotaLimits(5, 5, 8192, 100, 5, 5, null, null, null));
        fixtures.member("renate-viewer", reseller, MemberRole.READ_ONLY);
        UUID otherReseller = fixtures.tenantOf("roland", TenantKind.RESELLER, null);
        otherCustomer = fixtures.tenantOf("roland-c1", TenantKind.CUSTOMER, otherReseller);
        hostname = Fixtures.hostname("resold");
        if (servers.live(customer) == 0) {
            servers.order(customer, catalog, hostname);
        }
    }

    @Test
    @TestSecurity(user = "renate", roles = "reseller")
    void listsCustomersWithTheirShareAndServers() {
        String list = given().get("/customers").then().statusCode(200).extract().asString();
        assertThat(list).contains("Tenant of renate-c1").contains("1 of 5").contains("Your pool")
                .contains("aria-valuemax=\"20\"").doesNotContain("roland-c1");
        given().get("/customers/" + customer).then().statusCode(200).body(containsString("Quota from your pool"),
                containsString("value=\"8192\""));
        given().queryParam("customer", customer.toString()).get("/servers").then().statusCode(200)
                .body(containsString("resold-"), containsString("Tenant of renate-c1"));
        Labels.assertEveryFieldLabelled(given().get("/customers/" + customer).then().extract().asString());
    }

    @Test
    @TestSecurity(user = "renate", roles = "reseller")
    void setsAShareWithinThePoolOnly() {
        String saved = quota(customer, "6", "6", "8192", "100", "5", "5").then().statusCode(303).extract()
                .header("Location");
        assertThat(quotas.limits(customer).servers()).isEqualTo(6);
        assertThat(saved).endsWith("/customers/" + customer + "?saved=quota");
        given().get(saved).then().statusCode(200).body(containsString("id=\"quota-saved\""),
                containsString("Quota saved: 6 servers, 6 vCPU"));
        given().get("/customers/" + customer).then().statusCode(200).body(not(containsString("quota-saved")));

        quota(customer, "999", "6", "8192", "100", "5", "5").then().statusCode(422)
                .body(containsString("id=\"servers-error\""), containsString("Reseller pool"),
                        containsString("can be given."));
        quota(customer, "x", "-1", "8192", "100", "5", "5").then().statusCode(422)
                .body(containsString("Enter a whole number from 0 up."), containsString("id=\"vcpus-error\""));
        assertThat(quotas.limits(customer).servers()).isEqualTo(6);
    }

    @Test
    @TestSecurity(user = "renate", roles = "reseller")
    void anotherResellersCustomerAndItselfAnswerNotFound() {
        given().get("/customers/" + otherCustomer).then().statusCode(404);
        given().get("/customers/" + reseller).then().statusCode(404);
        quota(otherCustomer, "1", "1", "1", "1", "1", "1").then().statusCode(404);
        given().queryParam("customer", otherCustomer.toString()).get("/servers").then().statusCode(200)
                .body(not(containsString("roland")));
    }

    /** A reseller account's owner who signed up through an invitation has the default role only, and is served. */
    @Test
    @TestSecurity(user = "renate", roles = "customer")
    void theResellerAccountDecidesNotTheLoginsRole() {
        given().get("/customers").then().statusCode(200).body(containsString("Tenant of renate-c1"));
    }

    @Test
    @TestSecurity(user = "renate-viewer", roles = "reseller")
    void readOnlyMemberOfTheResellerSeesButCannotChangeShares() {
        given().get("/customers/" + customer).then().statusCode(200).body(not(containsString("Save quota")));
        quota(customer, "7", "6", "8192", "100", "5", "5").then().statusCode(403);
        assertThat(quotas.limits(customer).servers()).isNotEqualTo(7);
    }

    @Test
    @TestSecurity(user = "renate-c1", roles = "customer")
    void aCustomerHasNoCustomerPages() {
        given().get("/customers").then().statusCode(404);
        given().get("/customers/" + customer).then().statusCode(404);
        given().get("/dashboard").then().statusCode(200).body(not(containsString("href=\"/customers\"")));
    }

    private io.restassured.response.Response quota(UUID id, String servers, String vcpus, String memory, String disk,
            String ipv4, String snapshots) {
        return Csrf.form().formParam("servers", servers).formParam("vcpus", vcpus).formParam("memory", memory)
                .formParam("disk", disk).formParam("ipv4", ipv4).formParam("snapshots", snapshots)
                .post("/customers/" + id + "/quota");
    }
}
