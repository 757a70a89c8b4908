package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.tenancy.BillingCopies;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;

/**
 * A reseller's owner switches copies of its customers' billing mails on and off on the customers page (audited);
 * a read-only member sees the choice but cannot change it.
 */
@QuarkusTest
class BillingCopiesPageTest {

    @Inject
    Fixtures fixtures;

    @Inject
    BillingData data;

    @Inject
    BillingCopies copies;

    UUID reseller;

    @BeforeEach
    void setUp() {
        reseller = fixtures.tenantOf("copies-rosa", TenantKind.RESELLER, null);
        fixtures.member("copies-rosa-viewer", reseller, MemberRole.READ_ONLY);
        data.update("update tenant set copy_customer_billing = false where id = ?1", reseller);
    }

    @Test
    @TestSecurity(user = "copies-rosa", roles = "reseller")
    void anOwnerSwitchesCopiesOnAndOff() {
        assertThat(given().get("/customers").then().statusCode(200).extract().asString())
                .contains("id=\"copies\" name=\"copies\">");
        long audited = audited();

        Csrf.form().formParam("copies", "on").post("/customers/billing-copies").then().statusCode(303);
        assertThat(copies.copies(reseller)).isTrue();
        assertThat(given().get("/customers").then().statusCode(200).extract().asString())
                .contains("id=\"copies\" name=\"copies\" checked>");
        assertThat(audited()).isEqualTo(audited + 1);

        Csrf.form().post("/customers/billing-copies").then().statusCode(303);
        assertThat(copies.copies(reseller)).isFalse();
        assertThat(audited()).isEqualTo(audited + 2);
    }

    @Test
    @TestSecurity(user = "copies-rosa-viewer", roles = "reseller")
    void aReadOnlyMemberCannotSwitch() {
        assertThat(given().get("/customers").then().statusCode(200).extract().asString())
                .contains("receive no copies of customers' billing mails").doesNotContain("id=\"copies\"");
        Csrf.form().formParam("copies", "on").post("/customers/billing-copies").then().statusCode(403);
        assertThat(copies.copies(reseller)).isFalse();
    }

    private long audited() {
        return data.sum("select count(*) from audit_event where action = 'tenant.billing-copies' and tenant_id = ?1",
                reseller);
    }
}
