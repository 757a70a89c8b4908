package io.innkeeper.portal.tenant;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.restassured.http.ContentType;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.tenancy.Invitation;
import io.innkeeper.tenancy.Invitations;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Membership;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.KeycloakUsers;
import io.innkeeper.testing.Mailbox;

/**
 * Invitations end to end through the real Keycloak, the real mail server and a real browser: an admin makes a reseller
 * and invites its owner, who accepts from the letter; the reseller makes a customer and invites its owner through the
 * API, who accepts and sees only that account; an owner invites a read-only member, who accepts and can change
 * nothing, and a revoked, an expired and a reused link are each refused with a page that says why.
 */
@QuarkusTest
class InvitationsBrowserTest {

    private static final String PASSWORD = "Invited-Pass-1234";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    Invitations invitations;

    @Inject
    EntityManager em;

    final List<BrowserContext> contexts = new ArrayList<>();
    final List<String> logins = new ArrayList<>();

    @BeforeEach
    void start() {
        contexts.clear();
        logins.clear();
    }

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        logins.forEach(KeycloakUsers::delete);
    }

    @Test
    void anAdminsResellerAndTheResellersCustomerAreOnboardedByInvitation() {
        Page admin = browser();
        admin.navigate(base + "admin/tenants/new");
        signIn(admin, "admin", "admin");
        admin.waitForURL(Pattern.compile(".*/admin/tenants/new$"));
        String reseller = "Onboard Resellers " + UUID.randomUUID().toString().substring(0, 6);
        String ownerAddress = Mailbox.freshAddress("rowner");
        admin.locator("#kind").selectOption("RESELLER");
        admin.locator("#name").fill(reseller);
        admin.locator("#currency").fill("EUR");
        admin.locator("#timeZone").fill("Europe/Berlin");
        admin.locator("#country").fill("DE");
        admin.locator("#ownerEmail").fill(ownerAddress);
        admin.locator("#servers").fill("10");
        admin.locator("#vcpus").fill("20");
        admin.locator("#memory").fill("40960");
        admin.locator("#disk").fill("500");
        admin.locator("#ipv4").fill("10");
        admin.locator("#snapshots").fill("10");
        admin.locator("button[type=submit]:has-text('Create and invite the owner')").click();
        admin.waitForURL(Pattern.compile(".*/admin/tenants/[0-9a-f-]{36}$"));
        assertThat(admin.locator("h1")).hasText(reseller);
        assertThat(admin.locator("tr[data-invitation='" + ownerAddress + "']")).containsText("Owner");

        // The owner has a login (made here as Keycloak's registration would) and opens the link from the letter.
        login(ownerAddress, "reseller");
        Page owner = browser();
        acceptFromLetter(owner, ownerAddress, "Invitation to " + reseller);
        assertThat(owner.locator(".who")).containsText(reseller);
        owner.navigate(base + "customers");
        assertThat(owner.locator("h1")).hasText("Customers");

        // The reseller makes a customer and invites its owner through the API.
        String token = accessToken(ownerAddress);
        String customer = "Onboard Bakery " + UUID.randomUUID().toString().substring(0, 6);
        String account = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", customer))
                .post(base + "api/v1/sub-accounts").then().statusCode(201).extract().path("account.id");
        String customerAddress = Mailbox.freshAddress("cowner");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("email", customerAddress, "role", "OWNER"))
                .post(base + "api/v1/sub-accounts/" + account + "/invitations").then().statusCode(201);

        login(customerAddress, "customer");
        Page customerOwner = browser();
        acceptFromLetter(customerOwner, customerAddress, "Invitation to " + customer);
        assertThat(customerOwner.locator(".who")).containsText(customer);
        assertThat(customerOwner.locator(".who")).not().containsText(reseller);
        assertThat(membershipTenant(customerAddress)).isEqualTo(UUID.fromString(account));
        assertThat(customerOwner.navigate(base + "customers").status()).isEqualTo(404);
    }

    @Test
    void aReadOnlyMemberAcceptsAndChangesNothingAndClosedLinksAreRefusedWithWords() {
        String ownerAddress = Mailbox.freshAddress("towner");
        login(ownerAddress, "customer");
        UUID tenant = fixtures.customer(ownerAddress);
        Page owner = browser();
        owner.navigate(base + "team");
        signIn(owner, ownerAddress, PASSWORD);
        owner.waitForURL(Pattern.compile(".*/team$"));
        String memberAddress = Mailbox.freshAddress("reader");
        owner.locator("#email").fill(memberAddress);
        owner.locator("#new-role").selectOption("READ_ONLY");
        owner.locator("button:has-text('Send invitation')").click();
        owner.waitForURL(Pattern.compile(".*/team$"));
        assertThat(owner.locator("tr[data-invitation='" + memberAddress + "']")).containsText("Read-only");

        login(memberAddress, "customer");
        Page member = browser();
        String link = acceptFromLetter(member, memberAddress, "Invitation to");
        assertThat(membershipRole(memberAddress)).isEqualTo(MemberRole.READ_ONLY);
        member.navigate(base + "team");
        assertThat(member.locator("form[action='/team']")).hasCount(0);
        assertThat(member.locator("button:has-text('Revoke')")).hasCount(0);
        Object status = member.evaluate("async () => { const h = JSON.parse(document.body.getAttribute('hx-headers'));"
                + " h['Content-Type'] = 'application/x-www-form-urlencoded';"
                + " const r = await fetch('/team', { method: 'POST', headers: h, body: 'email=x%40example.com&role=OWNER' });"
                + " return r.status; }");
        assertThat(status).isEqualTo(403);
        assertThat(invitations.open(new Invitations.Authority.Admin(), tenant)).isEmpty();

        member.navigate(link);
        assertThat(member.locator("#invitation-problem")).containsText("used already");
        assertThat(member.locator("button:has-text('Accept the invitation')")).hasCount(0);

        Actor actor = new Actor(ownerAddress, tenant, null, null);
        Invitations.Authority asOwner = new Invitations.Authority.Member(MemberRole.OWNER);
        String revokedAddress = Mailbox.freshAddress("revoked");
        Invitations.Sent revoked = invitations.invite(actor, asOwner, tenant, revokedAddress, "MEMBER");
        String revokedLink = Mailbox.await(revokedAddress, "Invitation to").link(base.toString());
        invitations.revoke(actor, asOwner, tenant, revoked.id());
        String expiredAddress = Mailbox.freshAddress("expired");
        Invitations.Sent expired = invitations.invite(actor, asOwner, tenant, expiredAddress, "MEMBER");
        String expiredLink = Mailbox.await(expiredAddress, "Invitation to").link(base.toString());
        expire(expired.id());

        Page stranger = member;
        stranger.navigate(revokedLink);
        assertThat(stranger.locator("#invitation-problem")).containsText("withdrawn");
        stranger.navigate(expiredLink);
        assertThat(stranger.locator("#invitation-problem")).containsText("expired");
        assertThat(stranger.locator("button:has-text('Accept the invitation')")).hasCount(0);
        assertThat(membershipRole(memberAddress)).isEqualTo(MemberRole.READ_ONLY);
    }

    /** Opens the link of the letter, signs in on Keycloak's page, accepts, and answers the link. */
    private String acceptFromLetter(Page page, String address, String subject) {
        String link = Mailbox.await(address, subject).link(base.toString());
        page.navigate(link);
        signIn(page, address, PASSWORD);
        page.waitForURL(Pattern.compile(".*/invitations/iki_.*"));
        assertThat(page.locator("h1")).containsText("Invitation to");
        page.locator("button:has-text('Accept the invitation')").click();
        page.waitForURL(Pattern.compile(".*/dashboard$"));
        return link;
    }

    private void signIn(Page page, String user, String password) {
        // The demo admin must give a one-time code too; SignIn computes it.
        io.innkeeper.testing.SignIn.as(page, user, password);
    }

    private Page browser() {
        BrowserContext context = Browser.get().newContext();
        contexts.add(context);
        return context.newPage();
    }

    private void login(String address, String role) {
        KeycloakUsers.create(address, address, PASSWORD, role);
        logins.add(address);
    }

    private static String accessToken(String user) {
        return given().formParam("grant_type", "password").formParam("client_id", "innkeeper-tests")
                .formParam("client_secret", "innkeeper-tests-secret").formParam("username", user)
                .formParam("password", PASSWORD).post(KeycloakUsers.realm() + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    @Transactional
    UUID membershipTenant(String login) {
        return Membership.forLogin(login).map(m -> m.tenant.id).orElse(null);
    }

    @Transactional
    MemberRole membershipRole(String login) {
        return Membership.forLogin(login).map(m -> m.role).orElse(null);
    }

    @Transactional
    void expire(UUID id) {
        em.find(Invitation.class, id).expiresAt = Instant.now().minusSeconds(1);
    }
}
