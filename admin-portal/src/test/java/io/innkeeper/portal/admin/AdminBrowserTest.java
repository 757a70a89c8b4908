package io.innkeeper.portal.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;
import io.innkeeper.testing.SignIn;

/**
 * The admin portal's main flows in a real browser, signed in as the demo admin ({@code admin}/{@code admin} of the
 * realm file) through the real Keycloak.
 */
@QuarkusTest
class AdminBrowserTest {

    private static final LocatorAssertions.ContainsTextOptions SETTLE = new LocatorAssertions.ContainsTextOptions()
            .setTimeout(20_000);

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    jakarta.persistence.EntityManager em;

    @Inject
    AdminData data;

    @Inject
    io.innkeeper.provisioning.ip.IpPools ipPools;

    Fixtures.Catalog catalog;
    BrowserContext context;
    Page page;

    @BeforeEach
    void open() {
        catalog = fixtures.catalog();
        context = Browser.get().newContext();
        page = context.newPage();
        page.navigate(base.toString());
        SignIn.as(page, "admin");
        page.waitForURL(Pattern.compile(".*/admin$"));
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void addsNodeAfterFixingItsUriThenPutsItInMaintenance() {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Nodes").setExact(true)).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add node")).click();
        String name = "browser-" + UUID.randomUUID().toString().substring(0, 6);
        page.getByLabel("Name").fill(name);
        page.getByLabel("Region").selectOption(new SelectOption().setLabel("Test Region"));
        page.getByLabel("Guest type").selectOption("kvm");
        page.getByLabel("libvirt URI").fill("test:///no/such/node.xml");
        page.getByLabel("vCPUs").fill("32");
        page.getByLabel("Memory (MiB)").fill("131072");
        page.getByLabel("Disk (GiB)").fill("4000");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test connection and add node")).click();
        assertThat(page.locator("#libvirtUri-error")).containsText("connection test failed");

        page.getByLabel("libvirt URI").fill("test:///default");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test connection and add node")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name))).isVisible();
        page.evaluate("window.__noReload = true");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start maintenance")).click();
        assertThat(page.locator("#node-state-value")).hasText("maintenance");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End maintenance")))
                .isVisible();
        org.assertj.core.api.Assertions.assertThat(page.evaluate("window.__noReload === true")).isEqualTo(true);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Nodes").setExact(true)).click();
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(name));
        assertThat(row).containsText("maintenance");
        assertThat(row.locator("meter")).hasCount(3);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/admin-nodes.png")));
    }

    @Test
    void filtersServersByTenantAndSuspendsThatTenant() {
        String login = "browser-owner-" + UUID.randomUUID().toString().substring(0, 6);
        UUID tenant = fixtures.customer(login);
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
        String host = Fixtures.hostname("admin-browser");
        servers.order(tenant, catalog, host);

        page.navigate(base + "admin/servers");
        page.getByLabel("Tenant").selectOption(new SelectOption().setLabel("Tenant of " + login));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
        assertThat(page.locator("#server-count")).hasText("1 server match.");
        assertThat(page.locator("#server-table")).containsText(host);
        page.waitForURL(Pattern.compile(".*tenant=" + tenant + ".*"));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/admin-servers.png")));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tenant of " + login)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tenant of " + login)))
                .isVisible();
        page.getByLabel("Reason (the customer may be shown it)").fill("Unpaid since March");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Suspend account")).click();
        assertThat(page.locator("#tenant-status")).containsText("suspended", SETTLE);
        assertThat(page.locator("#tenant-status")).containsText("Unpaid since March");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/admin-tenant.png"))
                .setFullPage(true));
        page.getByLabel("Reason for lifting").fill("Paid by bank transfer");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lift suspension")).click();
        assertThat(page.locator("#tenant-status")).hasText("active");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("This tenant's history in the audit log"))
                .click();
        assertThat(page.getByLabel("Tenant id")).hasValue(tenant.toString());
        assertThat(page.locator("#audit-entries")).containsText("tenant.suspend");
        assertThat(page.locator("#audit-entries")).containsText("tenant.unsuspend");
    }

    @Test
    void createsPlanAndPublishesSecondVersion() {
        String code = "b-" + UUID.randomUUID().toString().substring(0, 6);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Plans")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create plan")).click();
        page.getByLabel("Code").fill(code);
        page.getByLabel("Name").fill("Browser " + code);
        page.getByLabel("Hourly price").fill("0.02");
        page.getByLabel("Monthly cap").fill("twelve");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create plan")).click();
        assertThat(page.locator("#monthlyCap-error")).containsText("Monthly cap must be an amount");
        page.getByLabel("Monthly cap").fill("12.00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create plan")).click();
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(code));
        assertThat(row).containsText("v1");

        row.getByRole(AriaRole.LINK).click();
        page.getByLabel("vCPUs").fill("2");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish new version")).click();
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Versions"))).containsText("v2");
    }

    @Test
    void changesDunningSettingsAfterFixingTheOrder() {
        try {
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Billing").setExact(true)).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dunning settings")).click();
            assertThat(page.getByLabel("Reminder after (days)")).hasValue("3");
            page.getByLabel("Reminder after (days)").fill("10");
            page.getByLabel("Suspension after (days; servers are powered off and locked)").fill("5");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save dunning settings")).click();
            assertThat(page.locator("#suspendDays-error")).containsText("Suspension must come after the reminder");
            page.getByLabel("Suspension after (days; servers are powered off and locked)").fill("20");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save dunning settings")).click();
            assertThat(page.locator("#dunning-saved")).containsText("Saved.");
            assertThat(page.getByLabel("Reminder after (days)")).hasValue("10");
            assertThat(page.locator("#dunning-source")).containsText("Version 1");
        } finally {
            resetDunning();
        }
    }

    @jakarta.transaction.Transactional
    void resetDunning() {
        em.createNativeQuery("delete from dunning_settings").executeUpdate();
    }

    @Test
    void editsNodeCapacityAfterARefusalBelowWhatGuestsHold() {
        String name = "edit-" + UUID.randomUUID().toString().substring(0, 6);
        UUID node = data.node(data.region(), name, 16, 65536, 2000);
        data.guest(node, 8, 4096, 100);
        page.navigate(base + "admin/nodes/" + node);
        page.getByLabel("vCPUs").fill("4");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save node")).click();
        assertThat(page.locator("#vcpus-error")).containsText("Guests hold 8 vCPUs");
        page.getByLabel("vCPUs").fill("8");
        page.getByLabel("CPU overcommit").fill("1.5");
        page.getByLabel("Max guests (empty for no cap)").fill("10");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save node")).click();
        assertThat(page.locator("#node-guests")).hasText("1 of at most 10");
        assertThat(page.locator("meter[aria-label='vCPU in use']")).hasAttribute("max", "12");
        assertThat(page.getByLabel("CPU overcommit")).hasValue("1.50");
    }

    @Test
    void editsIpPoolAfterARefusedGatewayAServerHolds() {
        String prefix = "10." + java.util.concurrent.ThreadLocalRandom.current().nextInt(100, 250) + "."
                + java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 256) + ".";
        int block = java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 16) * 16;
        UUID pool = ipPools.createIpv4(data.region(), prefix + block + "/28", prefix + (block + 1));
        UUID guest = data.guest(catalog.node(), 1, 512, 10);
        data.update("update ip_address set guest_id = ?2 where pool_id = ?1 and address = cast(?3 as inet)",
                pool, guest, prefix + (block + 4));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("IP pools")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(prefix + block + "/28")).click();
        page.getByLabel("Gateway").fill(prefix + (block + 4));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save pool")).click();
        assertThat(page.locator("#gateway-error")).containsText("is held by");
        page.getByLabel("Gateway").fill(prefix + (block + 14));
        page.getByLabel("Name (empty to show the network)").fill("Browser pool");
        page.getByLabel("DNS servers (up to 4, separated by commas)").fill("9.9.9.9, 149.112.112.112");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save pool")).click();
        assertThat(page.locator("#pool-title")).hasText("Browser pool");
        assertThat(page.locator("#pool-dns")).hasText("9.9.9.9, 149.112.112.112");
        assertThat(page.getByLabel("Gateway")).hasValue(prefix + (block + 14));
    }

    @Test
    void movesAServerToTheChosenNodeAndWatchesTheJob() {
        String login = "browser-mover-" + UUID.randomUUID().toString().substring(0, 6);
        UUID tenant = fixtures.customer(login);
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
        String host = Fixtures.hostname("browser-move");
        UUID server = servers.order(tenant, catalog, host);
        String target = "bm-" + UUID.randomUUID().toString().substring(0, 6);
        UUID node = data.fileNode(catalog.region(), target, 8, 16384, 100);
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> servers.status(server) == io.innkeeper.provisioning.guest.GuestStatus.RUNNING);
            page.navigate(base + "admin/servers?tenant=" + tenant);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(host)).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(host))).isVisible();
            // The console card loads after the page, and Refresh reads it again in place.
            assertThat(page.locator("#console-message")).containsText("Console output is not available");
            String firstRead = page.locator("#console-read-at time").getAttribute("datetime");
            page.locator("#console-refresh").click();
            assertThat(page.locator("#console-read-at time")).not().hasAttribute("datetime", firstRead);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(host))).isVisible();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Move server")).click();
            assertThat(page.locator("#target-error")).containsText("Choose the node to move");
            page.getByLabel("Target node").selectOption(new SelectOption().setLabel(target));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Move server")).click();
            assertThat(page.locator("#move-notice")).containsText("is moving to " + target);
            Locator jobs = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Jobs of this server"));
            assertThat(jobs).containsText("migrate");
            assertThat(jobs.locator("tr", new Locator.LocatorOptions().setHasText("migrate"))).containsText("succeeded",
                    SETTLE);
            assertThat(page.locator("#server-node")).hasText(target, new LocatorAssertions.HasTextOptions()
                    .setTimeout(20_000));
            assertThat(page.locator("#server-status")).hasText("running");
        } finally {
            data.update("update node set state = 'MAINTENANCE' where id = ?1", node);
        }
    }
}
