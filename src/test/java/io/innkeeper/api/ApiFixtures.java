package io.innkeeper.api;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.TokenScope;
import io.innkeeper.audit.Actor;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;

/** API clients for tests: a tenant of its own, a login and a write token, made through the real services. */
@ApplicationScoped
public class ApiFixtures {

    static final Actor ADMIN = new Actor("api-test-admin", null, "127.0.0.1", null);
    static final QuotaLimits ROOMY = new QuotaLimits(20, 40, 100_000, 1000, 20, 20, null, null, null);
    static final QuotaLimits POOL = new QuotaLimits(100, 200, 1_000_000, 10_000, 100, 100, null, null, null);

    @Inject
    Fixtures fixtures;

    @Inject
    ApiTokens tokens;

    @Inject
    QuotaService quotas;

    @Inject
    EntityManager em;

    @Inject
    BillingData billing;

    @Inject
    TenantInvoicer invoicer;

    /** A tenant's API client. */
    public record Client(UUID tenant, String login, String token) {

        public RequestSpecification api() {
            return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .accept(ContentType.JSON);
        }
    }

    public Client customer(String prefix) {
        String login = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        UUID tenant = fixtures.customer(login);
        quotas.set(ADMIN, tenant, ROOMY);
        return new Client(tenant, login, token(login, tenant, TokenScope.WRITE, null));
    }

    public Client reseller(String prefix) {
        String login = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        UUID tenant = fixtures.tenantOf(login, TenantKind.RESELLER, null);
        quotas.set(ADMIN, tenant, POOL);
        return new Client(tenant, login, token(login, tenant, TokenScope.WRITE, null));
    }

    /** A customer of the reseller, with quota from its pool, and its own login and token. */
    public Client customerOf(Client reseller, String prefix) {
        String login = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        UUID tenant = fixtures.tenantOf(login, TenantKind.CUSTOMER, reseller.tenant());
        quotas.set(ADMIN, tenant, new QuotaLimits(5, 10, 20_000, 200, 5, 5, null, null, null));
        return new Client(tenant, login, token(login, tenant, TokenScope.WRITE, null));
    }

    public String token(String login, UUID tenant, TokenScope scope, UUID subAccount) {
        return tokens.create(new Actor(login, tenant, "127.0.0.1", null), tenant,
                new ApiTokens.NewToken("test", scope, subAccount, null, null)).secret();
    }

    @Transactional
    public String tokenIdOf(UUID tenant) {
        return String.valueOf(em.createNativeQuery("select id from api_token where owner_tenant = ?1 limit 1")
                .setParameter(1, tenant).getSingleResult());
    }

    /** Rows in a table, to prove a refused request stored nothing. */
    @Transactional
    public long rows(String table) {
        return ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue();
    }

    @Transactional
    public void sql(String statement, Object... params) {
        var query = em.createNativeQuery(statement);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        query.executeUpdate();
    }

    /**
     * The month's invoice of the tenant the platform bills for {@code tenant} (itself, or its reseller): a server of
     * {@code tenant} lived the month's 10th day (see {@link #billedServer}), and the month is invoiced.
     */
    public UUID invoice(UUID tenant, YearMonth month) {
        billedServer(tenant, month);
        UUID billed = billing.string("select cast(coalesce(parent_id, id) as text) from tenant where id = ?1", tenant)
                .transform(UUID::fromString);
        return invoicer.invoice(billed, month).invoiceId();
    }

    /** A server of the tenant that lived the month's 10th day, 24 h at EUR 0.0100 (EUR 0.24), and is gone. */
    public UUID billedServer(UUID tenant, YearMonth month) {
        UUID plan = billing.plan("0.0100", "5.00", 1000);
        Instant day = month.atDay(10).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        UUID server = billing.server(tenant, plan, day, day.plus(java.time.Duration.ofDays(1)));
        billing.update("update guest set status = 'DELETED' where id = ?1", server);
        return server;
    }
}
