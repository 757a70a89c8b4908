package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.account.ApiToken;
import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.SshKey;
import io.innkeeper.account.SshKeys;
import io.innkeeper.audit.Actor;
import io.innkeeper.orders.Server;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Membership;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * A read-only member sees every page of its account and every action it sends, page or not, answers 403; a
 * customer of another tenant gets 404 for the account's server and sees nothing of it anywhere.
 */
@QuarkusTest
class PermissionTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    SshKeys keys;

    @Inject
    ApiTokens tokens;

    UUID tenant;
    UUID server;
    String hostname;
    UUID ownerMember;
    UUID sshKey;
    UUID token;
    UUID backup;

    @Inject
    io.innkeeper.orders.backup.ServerBackups backups;

    @BeforeEach
    void setUp() {
        Fixtures.Catalog catalog = fixtures.catalog();
        tenant = fixtures.customer("olga");
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(50, 50, 100_000, 1000, 50, 50, null, null, null));
        ownerMember = Membership.forLogin("olga").orElseThrow().id;
        fixtures.member("rory", tenant, MemberRole.READ_ONLY);
        fixtures.customer("oscar");
        hostname = Fixtures.hostname("guarded");
        server = servers.order(tenant, catalog, hostname);
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        backup = backups.take(Actor.SYSTEM, io.innkeeper.tenancy.Scope.of(tenant), server).id();
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        clearAccount();
        sshKey = keys.add(Actor.SYSTEM, tenant, "olgas-laptop", SshKeyPagesTest.KEY).id();
        token = tokens.create(Actor.SYSTEM, tenant, new ApiTokens.NewToken("olgas-script", null, null, null, null))
                .token().id();
    }

    /** Every state-changing action of the tenant portal, as a browser or a script would send it. */
    List<String> actions() {
        String s = "/servers/" + server;
        return List.of("/servers", s + "/reboot", s + "/start", s + "/stop", s + "/power-off", s + "/resize",
                s + "/reinstall", s + "/snapshots", s + "/snapshots/snap/revert", s + "/snapshots/snap/delete",
                s + "/backups", s + "/backups/" + backup + "/restore", s + "/backups/" + backup + "/delete",
                s + "/backups/" + backup + "/new", s + "/backups/schedule",
                s + "/rename", s + "/reverse-dns", s + "/root-password", s + "/delete", "/team", "/team/" + ownerMember + "/role",
                "/team/" + ownerMember + "/remove", "/ssh-keys", "/ssh-keys/" + sshKey + "/delete", "/api-tokens",
                "/api-tokens/" + token + "/revoke", "/security/require-2fa");
    }

    @Test
    @TestSecurity(user = "rory", roles = "customer")
    void readOnlyMemberSeesEverythingAndChangesNothing() {
        given().get("/dashboard").then().statusCode(200).body(containsString("server.order"));
        given().get("/servers").then().statusCode(200).body(containsString(hostname),
                not(containsString("Create server")));
        String ip = servers.addresses(server).get(0);
        given().get("/servers/" + server).then().statusCode(200).body(containsString(hostname),
                containsString("read-only"), not(containsString(">Reboot<")), not(containsString(">Delete<")),
                not(containsString(">Resize<")), not(containsString(">Take snapshot<")),
                matchesPattern("(?s).*<td><code>" + java.util.regex.Pattern.quote(ip)
                        + "</code></td><td>\\s*default\\s*</td>.*"));
        given().header("HX-Request", "true").get("/servers/" + server + "/console").then().statusCode(200)
                .body(containsString("id=\"console-message\""));
        given().get("/team").then().statusCode(200).body(containsString("olga"), containsString("Read-only"),
                not(containsString("Send invitation")));
        given().get("/ssh-keys").then().statusCode(200).body(containsString("olgas-laptop"),
                not(containsString("Add key")));
        given().get("/api-tokens").then().statusCode(200).body(containsString("olgas-script"),
                not(containsString("Create token")));

        for (String action : actions()) {
            Csrf.form().formParam("hostname", "taken-over.example.com").formParam("role", "OWNER")
                    .formParam("login", "intruder").formParam("name", "snap")
                    .formParam("rootPassword", "taken-over-password")
                    .post(action).then().statusCode(403);
            Csrf.form().header("HX-Request", "true").post(action).then().statusCode(403);
        }

        assertThat(servers.status(server)).isEqualTo(GuestStatus.RUNNING);
        assertThat(servers.deleted(server)).isFalse();
        assertThat(hostnameOf(server)).isEqualTo(hostname);
        assertThat(servers.live(tenant)).isEqualTo(1);
        assertThat(Membership.forLogin("intruder")).isEmpty();
        assertThat(Membership.forLogin("rory").orElseThrow().role).isEqualTo(MemberRole.READ_ONLY);
        assertThat(backups.get(io.innkeeper.tenancy.Scope.of(tenant), server, backup).ready()).isTrue();
        assertThat(backups.list(io.innkeeper.tenancy.Scope.of(tenant), server)).hasSize(1);
        assertAccountUntouched();
    }

    @Test
    @TestSecurity(user = "oscar", roles = "customer")
    void customerOfAnotherTenantGetsNothing() {
        given().get("/dashboard").then().statusCode(200).body(not(containsString(hostname)));
        given().get("/servers").then().statusCode(200).body(not(containsString(hostname)));
        given().get("/servers?q=guarded").then().statusCode(200).body(not(containsString(hostname)));
        given().get("/servers?customer=" + tenant).then().statusCode(200).body(not(containsString(hostname)));
        given().get("/servers/" + server).then().statusCode(404);
        given().get("/servers/" + server + "/console").then().statusCode(404);
        given().header("HX-Request", "true").get("/servers/" + server + "/console").then().statusCode(404)
                .body(not(containsString("console-message")));
        given().get("/team").then().statusCode(200).body(not(containsString("rory")), not(containsString("olga")));

        for (String action : actions().subList(1, 14)) {
            Csrf.form().formParam("hostname", "taken-over.example.com").formParam("name", "snap").post(action)
                    .then().statusCode(404);
        }
        Csrf.form().formParam("role", "MEMBER").post("/team/" + ownerMember + "/role").then().statusCode(404);
        Csrf.form().post("/team/" + ownerMember + "/remove").then().statusCode(404);
        given().get("/ssh-keys").then().statusCode(200).body(not(containsString("olgas-laptop")));
        given().get("/api-tokens").then().statusCode(200).body(not(containsString("olgas-script")));
        for (String action : List.of("/ssh-keys/" + sshKey + "/delete", "/api-tokens/" + token + "/revoke")) {
            given().get(action).then().statusCode(404);
            Csrf.form().post(action).then().statusCode(404);
        }

        assertThat(servers.status(server)).isEqualTo(GuestStatus.RUNNING);
        assertThat(servers.deleted(server)).isFalse();
        assertThat(hostnameOf(server)).isEqualTo(hostname);
        assertThat(Membership.forLogin("olga").orElseThrow().role).isEqualTo(MemberRole.OWNER);
        assertAccountUntouched();
    }

    @Transactional
    void clearAccount() {
        SshKey.delete("tenantId", tenant);
        ApiToken.delete("ownerTenant", tenant);
    }

    @Transactional
    void assertAccountUntouched() {
        assertThat(SshKey.<SshKey>list("tenantId", tenant)).extracting(k -> k.id).containsExactly(sshKey);
        assertThat(ApiToken.<ApiToken>list("ownerTenant", tenant)).singleElement()
                .satisfies(t -> assertThat(t.id).isEqualTo(token), t -> assertThat(t.revokedAt).isNull());
    }

    @Transactional
    String hostnameOf(UUID id) {
        return Server.<Server>findById(id).hostname;
    }
}
