package io.innkeeper.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
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
import com.microsoft.playwright.Response;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Accessibility;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;
import io.innkeeper.testing.SignIn;

/**
 * Every page of the admin portal with the keyboard alone, in a real browser, signed in as the demo admin: the sweep
 * crawls the links from the admin's landing page and checks each page it reaches (see {@link Accessibility}). A
 * reseller with a customer, a server and a failed job make the detail pages and the jobs' forms appear.
 */
@QuarkusTest
class AdminAccessibilitySweepBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    EntityManager em;

    BrowserContext context;
    Page page;

    @BeforeEach
    void open() {
        context = Browser.get().newContext();
        page = context.newPage();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void everyAdminPageWorksWithTheKeyboardAndHasLabels() {
        Fixtures.Catalog catalog = fixtures.catalog();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        UUID reseller = fixtures.tenantOf("a11y-reseller-" + suffix, TenantKind.RESELLER, null);
        quotas.set(Actor.SYSTEM, reseller, new QuotaLimits(10, 10, 10_000, 100, 10, 10, null, null, null));
        UUID customer = fixtures.tenantOf("a11y-customer-" + suffix, TenantKind.CUSTOMER, reseller);
        quotas.set(Actor.SYSTEM, customer, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
        UUID server = servers.order(customer, catalog, Fixtures.hostname("a11y-admin"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        failCreateJob(server);

        signIn();
        Accessibility.Sweep sweep = Accessibility.sweep(page, page.url(), 3);
        System.out.println("Accessibility sweep as admin: " + sweep.pages().size() + " pages, " + sweep.tabStops()
                + " Tab stops, " + sweep.problems().size() + " problems");
        sweep.pages().forEach(p -> System.out.println("  swept " + p));
        sweep.problems().forEach(p -> System.out.println("  problem: " + p));
        assertThat(sweep.problems()).as("accessibility problems on the admin's pages").isEmpty();
        assertThat(sweep.patterns()).as("pages swept").contains("/admin", "/admin/nodes", "/admin/nodes/new",
                "/admin/nodes/{id}", "/admin/servers", "/admin/jobs", "/admin/plans", "/admin/plans/new",
                "/admin/ip-pools", "/admin/ip-pools/{id}", "/admin/templates", "/admin/templates/{id}",
                "/admin/tenants", "/admin/tenants/{id}", "/admin/billing", "/admin/audit");
        assertThat(sweep.pages()).hasSizeGreaterThanOrEqualTo(17);
    }

    @Test
    void refusedFormsStayLabelledAndTieEachErrorToItsField() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("a11y-refused-" + UUID.randomUUID().toString().substring(0, 6));
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
        UUID server = servers.order(tenant, catalog, Fixtures.hostname("a11y-refused"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        UUID job = failCreateJob(server);
        signIn();
        String admin = base + "admin/";
        List<String> problems = new ArrayList<>();
        problems.addAll(Accessibility.refuse(page, admin + "nodes/new", "form[action='/admin/nodes']",
                Map.of("libvirtUri", "")).problems());
        problems.addAll(Accessibility.refuse(page, admin + "nodes", "form[action='/admin/nodes/regions']",
                Map.of("code", "")).problems());
        problems.addAll(Accessibility.refuse(page, admin + "plans/new", "form[action='/admin/plans']",
                Map.of("monthlyCap", "twelve")).problems());
        problems.addAll(Accessibility.refuse(page, admin + "ip-pools", "form[action='/admin/ip-pools']",
                Map.of("network", "not a network")).problems());
        problems.addAll(Accessibility.refuse(page, admin + "templates", "form[action='/admin/templates']",
                Map.of("code", "")).problems());
        problems.addAll(Accessibility.refuse(page, admin + "billing", "form[action='/admin/billing/run']",
                Map.of("month", "March")).problems());
        problems.addAll(Accessibility.refuse(page, admin + "billing", "form[action='/admin/billing/ledger']",
                Map.of("amount", "lots")).problems());
        problems.addAll(Accessibility.refuse(page, admin + "tenants/" + tenant, "form[action$='/quota']",
                Map.of("servers", "many")).problems());
        problems.addAll(Accessibility.refuse(page, admin + "tenants/" + tenant, "form[action$='/suspend']",
                Map.of("reason", "")).problems());
        problems.addAll(Accessibility.refuse(page, admin + "jobs", "form[action='/admin/jobs/" + job + "/resolve']",
                Map.of("note", "")).problems());
        problems.forEach(p -> System.out.println("  problem: " + p));
        assertThat(problems).as("accessibility problems on refused forms").isEmpty();
    }

    @Test
    void adminNotFoundPageWorksWithTheKeyboard() {
        signIn();
        Response missing = page.navigate(base + "admin/tenants/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(Accessibility.check(page).problems()).as("problems on the not-found page").isEmpty();
    }

    @Transactional
    UUID failCreateJob(UUID server) {
        em.createNativeQuery("update job set state = 'FAILED', error = 'host said no', finished_at = now() "
                + "where guest_id = :g and kind = 'CREATE'").setParameter("g", server).executeUpdate();
        return (UUID) em.createNativeQuery("select id from job where guest_id = :g and kind = 'CREATE'")
                .setParameter("g", server).getSingleResult();
    }

    private void signIn() {
        page.navigate(base.toString());
        SignIn.as(page, "admin");
        page.waitForURL(Pattern.compile(".*/admin$"));
    }
}
