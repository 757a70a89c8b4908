package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.catalog.Plan;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** The order form offers what fits the quota and has stock, shows the price first, and takes a guest type. */
@QuarkusTest
@TestSecurity(user = "olive", roles = "customer")
class OrderFormPageTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    io.innkeeper.provisioning.ProvisioningService provisioning;

    @Inject
    io.innkeeper.account.SshKeys sshKeys;

    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC4W2LuHHP1HuQcWO9vm9Kj1S8w8AHdfokQTZuP3yGEE "
            + "olive@laptop";

    Fixtures.Catalog catalog;
    UUID tenant;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        tenant = fixtures.customer("olive");
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(50, 5000, 100_000_000, 1_000_000, 50, 50, null, null, null));
    }

    @Test
    void offersOnlyPlansWithStockAndLabelsEveryField() {
        setHugePlanOnSale(true);
        try {
            String form = given().get("/servers/new").then().statusCode(200).extract().asString();
            assertThat(form).contains("Test One: 1 vCPU").contains("KVM virtual machine").contains("Test Region")
                    .contains("Test Debian").doesNotContain("Test Huge")
                    .contains("Choose a plan to see its price per hour and per month.");
            Labels.assertEveryFieldLabelled(form);
        } finally {
            setHugePlanOnSale(false);
        }
    }

    @Test
    void quoteShowsThePriceAndWhatWouldStopTheOrder() {
        String quote = given().header("HX-Request", "true").queryParam("plan", catalog.plan().toString())
                .queryParam("region", catalog.region().toString()).queryParam("template", catalog.template().toString())
                .get("/servers/new/quote").then().statusCode(200).extract().asString();
        assertThat(quote.strip()).startsWith("<div id=\"quote\"").contains("EUR 0.0050").contains("EUR 3.00")
                .doesNotContain("data-refusal").doesNotContain("<html");

        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits((int) servers.live(tenant), 5000, 100_000_000, 1_000_000,
                50, 50, null, null, null));
        given().queryParam("plan", catalog.plan().toString()).queryParam("region", catalog.region().toString())
                .queryParam("template", catalog.template().toString()).get("/servers/new/quote").then()
                .statusCode(200).body(containsString("EUR 0.0050"), containsString("data-refusal=\"plan\""),
                        containsString("Your server quota"));
        given().get("/servers/new").then().body(containsString("No plan fits your remaining quota"),
                not(containsString("Test One: 1 vCPU")));
    }

    @Test
    void ordersWithAGuestTypeAndRefusesOneThePlanCannotRun() {
        String hostname = Fixtures.hostname("typed");
        order(hostname, "kvm").then().statusCode(303);
        assertThat(servers.withHostname(hostname)).isEqualTo(1);

        String refused = Fixtures.hostname("refused");
        order(refused, "xen").then().statusCode(422).body(containsString("id=\"guestType-error\""));
        assertThat(servers.withHostname(refused)).isZero();
    }

    @Test
    void ordersWithAccessSettingsOrRefusesTheWholeOrderForABadKey() {
        String hostname = Fixtures.hostname("keyed");
        form(hostname, "").formParam("rootPassword", "correct horse battery")
                .formParam("sshKeys", KEY + "\n\n").formParam("userData", "#cloud-config\npackages: [htop]\n")
                .post("/servers").then().statusCode(303);
        assertThat(servers.withHostname(hostname)).isEqualTo(1);
        assertThat(accessOf(hostname).sshKeys()).containsExactly(KEY);
        assertThat(accessOf(hostname).rootPasswordHash()).startsWith("$6$");

        String refused = Fixtures.hostname("badkey");
        form(refused, "").formParam("sshKeys", "ssh-ed25519 not*base64").formParam("userData", "#cloud-config\n")
                .post("/servers").then().statusCode(422).body(containsString("id=\"sshKeys-error\""),
                        containsString("#cloud-config"), not(containsString("correct horse")));
        assertThat(servers.withHostname(refused)).isZero();
        form(refused, "").formParam("rootPassword", "short").post("/servers").then().statusCode(422)
                .body(containsString("Use 12 to 128 characters."));
        assertThat(servers.withHostname(refused)).isZero();
    }

    @Test
    void ordersWithATickedSavedKeyAndKeepsTheTickWhenRefused() {
        io.innkeeper.account.SshKeys.Key saved = sshKeys.list(io.innkeeper.tenancy.Scope.of(tenant)).stream()
                .filter(k -> k.publicKey().equals(SshKeyPagesTest.OTHER_KEY)).findFirst()
                .orElseGet(() -> sshKeys.add(Actor.SYSTEM, tenant, "deploy key", SshKeyPagesTest.OTHER_KEY));
        String page = given().get("/servers/new").then().statusCode(200).extract().asString();
        assertThat(page).contains("Saved SSH keys").contains("name=\"sshKeyId\" value=\"" + saved.id() + "\"")
                .contains(saved.fingerprint());
        Labels.assertEveryFieldLabelled(page);

        String hostname = Fixtures.hostname("saved-key");
        form(hostname, "").formParam("sshKeyId", saved.id().toString()).post("/servers").then().statusCode(303);
        assertThat(accessOf(hostname).sshKeys()).containsExactly(saved.publicKey());

        String refused = Fixtures.hostname("saved-refused");
        form(refused, "").formParam("sshKeyId", saved.id().toString()).formParam("rootPassword", "short")
                .post("/servers").then().statusCode(422).body(containsString("Use 12 to 128 characters."),
                        containsString("value=\"" + saved.id() + "\" checked"));
        form(refused, "").formParam("sshKeyId", "not-a-key").post("/servers").then().statusCode(422)
                .body(containsString("id=\"sshKeys-error\""), containsString("saved keys"));
        form(refused, "").formParam("sshKeyId", UUID.randomUUID().toString()).post("/servers").then()
                .statusCode(422).body(containsString("id=\"sshKeys-error\""));
        assertThat(servers.withHostname(refused)).isZero();
    }

    @Transactional
    io.innkeeper.provisioning.cloudinit.GuestAccess accessOf(String hostname) {
        io.innkeeper.orders.Server server = io.innkeeper.orders.Server.find("hostname", hostname).firstResult();
        return provisioning.access(server.id);
    }

    private io.restassured.response.Response order(String hostname, String guestType) {
        return form(hostname, guestType).post("/servers");
    }

    private io.restassured.specification.RequestSpecification form(String hostname, String guestType) {
        return Csrf.form().formParam("hostname", hostname).formParam("region", catalog.region().toString())
                .formParam("plan", catalog.plan().toString()).formParam("template", catalog.template().toString())
                .formParam("guestType", guestType);
    }

    /** A plan no node of the test region has room for. */
    @Transactional
    void setHugePlanOnSale(boolean onSale) {
        Plan plan = Plan.<Plan>find("code", "t-huge").firstResultOptional().orElseGet(() -> {
            Plan p = new Plan();
            p.id = UUID.randomUUID();
            p.code = "t-huge";
            p.name = "Test Huge";
            p.guestTypes = "kvm";
            p.createdAt = Instant.now();
            p.vcpus = 1500;
            p.memoryMib = 1024;
            p.diskGib = 10;
            p.hourlyPrice = new BigDecimal("1.0000");
            p.monthlyCap = new BigDecimal("500.00");
            p.currency = "EUR";
            p.persist();
            return p;
        });
        plan.onSale = onSale;
    }
}
