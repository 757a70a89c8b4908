package io.innkeeper.portal.tenant.billing;

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
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.TaxDetails;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;

/**
 * The billing details page: an owner sets country, business and VAT id; a bad VAT id or one of another country is
 * refused next to its field with nothing stored; a read-only member only reads them and cannot post.
 */
@QuarkusTest
class TaxDetailsPagesTest {

    @Inject
    Fixtures fixtures;

    @Inject
    TaxDetails details;

    UUID tenant;

    @BeforeEach
    void setUp() {
        tenant = fixtures.customer("tess");
        fixtures.member("toby", tenant, MemberRole.READ_ONLY);
        details.set(Actor.SYSTEM, tenant, new TaxDetails.Form("DE", false, ""));
    }

    @Test
    @TestSecurity(user = "tess", roles = "customer")
    void anOwnerSetsABusinessWithItsVatId() {
        given().get("/billing-details").then().statusCode(200).body(containsString("id=\"vatId\""),
                containsString("<option value=\"DE\" selected>Germany</option>"));
        Csrf.form().formParam("country", "FR").formParam("business", "true")
                .formParam("vatId", " fr 40 303 265 045 ").post("/billing-details").then().statusCode(303)
                .header("Location", containsString("/billing-details?saved=true"));
        assertThat(details.get(tenant)).isEqualTo(new TaxDetails.Details("FR", true, "FR40303265045"));
        given().get("/billing-details?saved=true").then().statusCode(200).body(containsString("id=\"saved\""),
                containsString("value=\"FR40303265045\""));
    }

    @Test
    @TestSecurity(user = "tess", roles = "customer")
    void aMistypedVatIdIsRefusedNextToItsField() {
        Csrf.form().formParam("country", "DE").formParam("business", "true").formParam("vatId", "DE136695975")
                .post("/billing-details").then().statusCode(422)
                .body(containsString("id=\"vatId-error\""), containsString("check digits"),
                        containsString("value=\"DE136695975\""));
        assertThat(details.get(tenant)).isEqualTo(new TaxDetails.Details("DE", false, null));
    }

    @Test
    @TestSecurity(user = "tess", roles = "customer")
    void aVatIdOfAnotherCountryOrOfAConsumerIsRefused() {
        Csrf.form().formParam("country", "DE").formParam("business", "true").formParam("vatId", "FR40303265045")
                .post("/billing-details").then().statusCode(422)
                .body(containsString("This VAT id is of France, but the account&#39;s country is Germany"));
        Csrf.form().formParam("country", "DE").formParam("vatId", "DE136695976")
                .post("/billing-details").then().statusCode(422).body(containsString("Only a business has a VAT id"));
        Csrf.form().formParam("country", "XX").post("/billing-details").then().statusCode(422)
                .body(containsString("id=\"country-error\""));
        Csrf.form().formParam("country", "DE").formParam("business", "true").formParam("vatId", "DE" + "1".repeat(60))
                .post("/billing-details").then().statusCode(422).body(containsString("at most 32"));
        assertThat(details.get(tenant)).isEqualTo(new TaxDetails.Details("DE", false, null));
    }

    @Test
    @TestSecurity(user = "toby", roles = "customer")
    void aReadOnlyMemberReadsButCannotChange() {
        given().get("/billing-details").then().statusCode(200)
                .body(containsString("Only an owner of the account changes these details"),
                        not(containsString("id=\"save-tax-details\"")));
        Csrf.form().formParam("country", "FR").post("/billing-details").then().statusCode(403);
        assertThat(details.get(tenant).country()).isEqualTo("DE");
    }
}
