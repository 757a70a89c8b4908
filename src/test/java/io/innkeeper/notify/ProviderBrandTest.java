package io.innkeeper.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.innkeeper.audit.Actor;
import io.innkeeper.tenancy.Invitations;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;

/** A provider's own product name and support contact, from configuration, on its pages and in its letters. */
@QuarkusTest
@TestProfile(ProviderMailProfile.class)
class ProviderBrandTest {

    @Inject
    Invitations invitations;

    @Inject
    Fixtures fixtures;

    @Test
    void pagesShowTheProvidersNameAndSupportContact() {
        String page = given().get("/signed-out").then().statusCode(200).extract().asString();
        assertThat(page).contains("<title>Signed out · " + ProviderMailProfile.BRAND + "</title>")
                .contains("class=\"brand\" href=\"/\">" + ProviderMailProfile.BRAND + "</a>")
                .contains("href=\"mailto:" + ProviderMailProfile.SUPPORT_EMAIL + "\"")
                .doesNotContain(">Innkeeper<");
    }

    @Test
    void anInvitationNamesTheProvidersProduct() {
        UUID tenant = fixtures.customer("brand-owner");
        String address = Mailbox.freshAddress("branded");
        invitations.invite(new Actor("brand-owner", tenant, null, null),
                new Invitations.Authority.Member(MemberRole.OWNER), tenant, address, "MEMBER");
        assertThat(Mailbox.await(address, "Invitation to").text())
                .contains("on " + ProviderMailProfile.BRAND + ", as a member");
    }
}
