package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.innkeeper.account.WebhookSignature;
import io.innkeeper.client.ApiClient;
import io.innkeeper.client.ApiException;
import io.innkeeper.client.api.ApiTokensApi;
import io.innkeeper.client.api.InvoicesApi;
import io.innkeeper.client.api.JobsApi;
import io.innkeeper.client.api.ServersApi;
import io.innkeeper.client.api.SshKeysApi;
import io.innkeeper.client.api.SubAccountsApi;
import io.innkeeper.client.api.WebhooksApi;
import io.innkeeper.client.model.Accepted;
import io.innkeeper.client.model.CreateServer;
import io.innkeeper.client.model.InvoiceView;
import io.innkeeper.client.model.NewSshKey;
import io.innkeeper.client.model.NewSubAccount;
import io.innkeeper.client.model.NewToken;
import io.innkeeper.client.model.NewWebhook;
import io.innkeeper.client.model.Quota;
import io.innkeeper.client.model.QuoteView;
import io.innkeeper.client.model.ServerAction;
import io.innkeeper.client.model.TokenScope;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A reseller's integration, written only against the Java client the build generates from the committed OpenAPI
 * document (pom.xml): it makes its token, a customer account and its quota, asks whether an order fits, orders a
 * server with an SSH key, user data and a root password, drives its power, receives the signed webhooks and reads
 * its invoice. A document that describes the API wrongly fails here, in the client's own (de)serialisation.
 */
@QuarkusTest
class ResellerClientFlowTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String USER_DATA = "#cloud-config\npackages:\n  - nginx\n";
    private static final String ROOT_PASSWORD = "Correct-Horse-Battery-9";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Fixtures fixtures;

    @Inject
    ApiFixtures api;

    @Inject
    QuotaService quotas;

    @Inject
    ProvisioningService provisioning;

    /** A client of the panel under test that sends this bearer token. */
    private static ApiClient client(String bearer) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearer));
        return client;
    }

    @Test
    void resellerRunsItsWholeFlowWithTheGeneratedClient() throws Exception {
        Fixtures.Catalog catalog = fixtures.catalog();
        String region = catalog.region().toString();
        String plan = catalog.plan().toString();
        String template = catalog.template().toString();
        UUID rita = fixtures.tenantOf("rita", TenantKind.RESELLER, null);
        quotas.set(ApiFixtures.ADMIN, rita, ApiFixtures.POOL);

        // Token: the reseller's login (a Keycloak access token) makes a panel token for the integration.
        ApiClient signedIn = client(Keycloak.accessToken("rita"));
        var created = new ApiTokensApi(signedIn).createToken(new NewToken().name("storefront")
                .scope(TokenScope.WRITE), UUID.randomUUID().toString(), rita);
        assertThat(created.getSecret()).startsWith("ikp_");
        assertThat(created.getToken().getAccount()).isEqualTo(rita);
        ApiClient reseller = client(created.getSecret());

        // A customer account and its quota, from the reseller's pool.
        SubAccountsApi accounts = new SubAccountsApi(reseller);
        String ref = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        UUID customer = accounts.createSubAccount(new NewSubAccount().name("Carol's Bakery").externalRef(ref),
                UUID.randomUUID().toString(), null).getAccount().getId();
        var withQuota = accounts.setSubAccountQuota(customer.toString(), new Quota().servers(2L).vcpus(4L)
                .memoryMib(8192L).diskGib(100L).ipv4(2L).snapshots(2L), null);
        assertThat(withQuota.getQuota().getServers()).isEqualTo(2);
        assertThat(withQuota.getQuota().getRunningServers()).isNull();
        assertThat(accounts.listSubAccounts(ref, null)).singleElement()
                .satisfies(a -> assertThat(a.getId()).isEqualTo(customer));

        // A token of the reseller that acts for this customer, which saves the customer's SSH key.
        String forCustomer = new ApiTokensApi(signedIn).createToken(new NewToken().name("carol")
                .scope(TokenScope.WRITE).subAccount(customer), UUID.randomUUID().toString(), rita).getSecret();
        ApiClient carol = client(forCustomer);
        UUID key = new SshKeysApi(carol).addSshKey(new NewSshKey().name("laptop").publicKey(SshKeyExamples.ED25519),
                UUID.randomUUID().toString(), null).getId();

        // Dry run by the catalog's stable codes, as a storefront orders: it fits and has a price; nothing is reserved.
        ServersApi servers = new ServersApi(reseller);
        String hostname = Fixtures.hostname("flow");
        CreateServer order = new CreateServer().hostname(hostname).region("test-region").plan("t-1")
                .template("t-debian").account(customer).externalRef("order-" + ref);
        QuoteView quote = servers.dryRunServer(order, null, null);
        assertThat(quote.getFits()).isTrue();
        assertThat(quote.getMonthly()).isNotNull();
        assertThat(quote.getRefusals()).isEmpty();

        // User data and the root password are checked with the order: a bad one is a 400 naming the field.
        ApiException badUserData = catchThrowableOfType(ApiException.class, () -> new ServersApi(carol)
                .createServer(new CreateServer().hostname(hostname).region(region).plan(plan)
                        .template(template).userData("#cloud-config\n: [unclosed"), null, null));
        assertThat(badUserData.getCode()).isEqualTo(400);
        assertThat(JSON.readTree(badUserData.getResponseBody()).at("/errors/userData").asText()).isNotEmpty();
        ApiException shortPassword = catchThrowableOfType(ApiException.class, () -> new ServersApi(carol)
                .createServer(new CreateServer().hostname(hostname).region(region).plan(plan)
                        .template(template).rootPassword("short"), null, null));
        assertThat(shortPassword.getCode()).isEqualTo(400);
        assertThat(JSON.readTree(shortPassword.getResponseBody()).at("/errors/rootPassword").asText()).isNotEmpty();

        // Webhooks: the reseller's endpoint, on a receiver this test runs.
        List<String[]> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(new String[] { exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) });
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String secret = new WebhooksApi(carol).createWebhook(new NewWebhook().url("http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hooks"), UUID.randomUUID().toString(), null).getSecret();

            // The order, with the customer's key, user data and root password.
            Accepted accepted = new ServersApi(carol).createServer(new CreateServer().hostname(hostname)
                    .region(region).plan(plan).template(template).sshKeys(List.of(key))
                    .userData(USER_DATA).rootPassword(ROOT_PASSWORD).externalRef("order-" + ref),
                    UUID.randomUUID().toString(), null);
            UUID server = accepted.getServer().getId();
            assertThat(accepted.getServer().getAccount()).isEqualTo(customer);
            assertThat(accepted.getJob().getKind()).isEqualTo("CREATE");
            var access = provisioning.access(server);
            assertThat(access.userData()).isEqualTo(USER_DATA);
            assertThat(access.sshKeys()).singleElement().asString().startsWith("ssh-ed25519 ");
            assertThat(access.rootPasswordHash()).isNotBlank().doesNotContain(ROOT_PASSWORD);
            await().atMost(SETTLE).until(() -> status(servers, server).equals("RUNNING"));

            // Power: stop, start, reboot, each a job the client follows.
            for (String action : List.of("stop", "start", "reboot")) {
                Accepted done = servers.serverAction(action, server.toString(), UUID.randomUUID().toString(),
                        null, new ServerAction());
                UUID job = done.getJob().getId();
                await().atMost(SETTLE).until(() -> new JobsApi(reseller).getJob(job.toString(), null).getState()
                        .equals("SUCCEEDED"));
                assertThat(status(servers, server)).isEqualTo(action.equals("stop") ? "STOPPED" : "RUNNING");
            }

            // The events of the customer's server reached the endpoint, signed with its secret.
            await().atMost(SETTLE).until(() -> received.stream().anyMatch(r -> r[1].contains(server.toString())
                    && r[1].contains("\"server.created\"")));
            for (String[] delivery : received) {
                assertThat(WebhookSignature.verify(secret, delivery[0], delivery[1])).as(delivery[1]).isTrue();
            }
            JsonNode firstEvent = JSON.readTree(received.get(0)[1]);
            assertThat(new WebhooksApi(carol).listEvents(null, null, null).getItems())
                    .anyMatch(e -> e.getId().toString().equals(firstEvent.get("id").asText()));
        } finally {
            receiver.stop(0);
        }

        // Invoices: the customer's usage is billed to the reseller, who reads the invoice and its lines.
        UUID invoice = api.invoice(customer, YearMonth.of(2026, 3));
        InvoicesApi invoices = new InvoicesApi(reseller);
        assertThat(invoices.listInvoices(null, null, null, null, null, null, null).getItems())
                .anyMatch(i -> i.getId().equals(invoice));
        InvoiceView read = invoices.getInvoice(invoice.toString(), null);
        assertThat(read.getAccount()).isEqualTo(rita);
        assertThat(read.getLines()).isNotEmpty();
        assertThat(read.getTotal().getCurrency()).isNotBlank();
    }

    private static String status(ServersApi servers, UUID server) throws ApiException {
        return servers.getServer(server.toString(), null).getStatus();
    }
}
