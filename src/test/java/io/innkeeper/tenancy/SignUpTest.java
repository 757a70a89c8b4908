package io.innkeeper.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.AuditLog;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** Self-service sign-up as a use case: the account it makes, the new-account limit, approval, bad input. */
@QuarkusTest
class SignUpTest {

    @Inject
    SignUp signUp;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    AuditLog audit;

    private static String login() {
        return "signup-" + UUID.randomUUID().toString().substring(0, 8) + "@mail.innkeeper.test";
    }

    private static Actor as(String login) {
        return new Actor(login, null, "127.0.0.1", null);
    }

    @Test
    void makesACustomerAccountOwnedByTheLoginAwaitingApproval() {
        String login = login();
        SignUp.Created created = signUp.create(as(login), login, login, " Ada's Bakery ", "de", "EUR",
                "Europe/Berlin");
        Tenant tenant = tenant(created.tenantId());
        assertThat(tenant.name).isEqualTo("Ada's Bakery");
        assertThat(tenant.kind).isEqualTo(TenantKind.CUSTOMER);
        assertThat(tenant.parent).isNull();
        assertThat(tenant.country).isEqualTo("DE");
        assertThat(tenant.currency).isEqualTo("EUR");
        assertThat(tenant.timeZone).isEqualTo("Europe/Berlin");
        assertThat(tenant.awaitingApproval).isTrue();
        assertThat(ownerOf(created.tenantId())).isEqualTo(login);
        assertThat(signUp.hasAccount(login)).isTrue();
        assertThat(audit.recent(Set.of(created.tenantId()), 10)).extracting(AuditLog.Entry::action)
                .contains("signup", "tenant.create");
        assertThat(quotas.limits(created.tenantId()).servers()).as("the new-account limit caps the default quota")
                .isEqualTo(1);
    }

    @Test
    void aSecondServerIsRefusedNamingTheLimitUntilAnAdminApproves() {
        Fixtures.Catalog catalog = fixtures.catalog();
        String login = login();
        UUID tenant = signUp.create(as(login), login, login, "Limited Ltd", "GB", "EUR", "Europe/London").tenantId();
        servers.order(tenant, catalog, Fixtures.hostname("first"));
        InvalidInput second = catchThrowableOfType(InvalidInput.class,
                () -> servers.order(tenant, catalog, Fixtures.hostname("second")));
        assertThat(second.errors().asMap().values()).anySatisfy(
                m -> assertThat(m).startsWith("New accounts may have 1 server until approved"));
        assertThat(servers.live(tenant)).isEqualTo(1);

        signUp.approve(Actor.SYSTEM, tenant);
        assertThat(signUp.awaitingApproval(tenant)).isFalse();
        assertThat(quotas.limits(tenant).servers()).as("the default quota in full").isGreaterThan(1);
        servers.order(tenant, catalog, Fixtures.hostname("second"));
        assertThat(servers.live(tenant)).isEqualTo(2);
        assertThat(audit.recent(Set.of(tenant), 10)).extracting(AuditLog.Entry::action).contains("tenant.approve");
        InvalidInput again = catchThrowableOfType(InvalidInput.class, () -> signUp.approve(Actor.SYSTEM, tenant));
        assertThat(again.errors().asMap()).containsKey("approve");
    }

    @Test
    void badDetailsAreRefusedAndNothingIsStored() {
        String login = login();
        long before = tenants();
        InvalidInput e = catchThrowableOfType(InvalidInput.class,
                () -> signUp.create(as(login), login, login, "x".repeat(10_000), "ZZ", "XYZ", "Nowhere/City"));
        assertThat(e.errors().asMap()).containsOnlyKeys("name", "country", "currency", "timeZone");
        InvalidInput empty = catchThrowableOfType(InvalidInput.class,
                () -> signUp.create(as(login), login, login, "", "DE", "EUR", "UTC"));
        assertThat(empty.errors().asMap()).containsOnlyKeys("name");
        assertThat(tenants()).isEqualTo(before);
        assertThat(signUp.hasAccount(login)).isFalse();
    }

    @Test
    void aLoginWithAnAccountCannotMakeAnother() {
        String login = login();
        signUp.create(as(login), login, login, "First", "DE", "EUR", "UTC");
        long before = tenants();
        InvalidInput e = catchThrowableOfType(InvalidInput.class,
                () -> signUp.create(as(login), login, login, "Second", "DE", "EUR", "UTC"));
        assertThat(e.errors().asMap().get("form")).contains("belongs to an account already");
        assertThat(tenants()).isEqualTo(before);
    }

    @Transactional
    Tenant tenant(UUID id) {
        return Tenant.findById(id);
    }

    @Transactional
    String ownerOf(UUID tenantId) {
        return Membership.<Membership>find("tenant.id = ?1 and role = ?2", tenantId, MemberRole.OWNER).singleResult()
                .login;
    }

    @Transactional
    long tenants() {
        return Tenant.count();
    }
}
