package io.innkeeper.orders;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.Job;
import io.innkeeper.provisioning.job.JobKind;
import io.innkeeper.provisioning.libvirt.LibvirtConnections;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * Root password, SSH keys and user data reach the guest through its NoCloud seed: the domain's SMBIOS serial
 * names the panel's seed URL, and the panel serves the documents there to that guest only.
 */
@QuarkusTest
class ServerAccessTest {

    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC4W2LuHHP1HuQcWO9vm9Kj1S8w8AHdfokQTZuP3yGEE carol@laptop";
    private static final String PASSWORD = "correct horse battery";
    private static final Pattern SEED = Pattern.compile("ds=nocloud;s=(http://[^<]+/)");

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    ServerAccess access;

    @Inject
    ProvisioningService provisioning;

    @Inject
    QuotaService quotas;

    @Inject
    LibvirtConnections libvirt;

    @Test
    void guestReadsItsPasswordHashAndKeysFromItsOwnSeed() {
        UUID tenant = tenant();
        UUID server = running(tenant, "seed");
        access.set(Actor.SYSTEM, Scope.of(tenant), server, new ServerAccess.Request(PASSWORD, List.of(KEY),
                "#cloud-config\npackages: [nginx]\n"));

        String seed = seedOf(server);
        assertThat(seed).contains("/cloud-init/" + server + "/");
        String userData = get(seed + "user-data", 200);
        Matcher hash = Pattern.compile("(\\$6\\$[^\\s\"]+)").matcher(userData);
        assertThat(hash.find()).as(userData).isTrue();
        assertThat(Sha2Crypt.sha512Crypt(PASSWORD.getBytes(StandardCharsets.UTF_8), hash.group(1)))
                .isEqualTo(hash.group(1));
        assertThat(userData).startsWith("#cloud-config").contains(KEY).contains("nginx").doesNotContain(PASSWORD);
        assertThat(get(seed + "meta-data", 200)).contains("instance-id: ik-" + server + "-1");
        assertThat(get(seed + "network-config", 200)).contains("version: 2").contains("198.51.10");

        // Another guest's token, or a made-up one, finds nothing.
        UUID other = running(tenant, "seed-other");
        String otherSeed = seedOf(other);
        String otherToken = otherSeed.split("/")[5];
        get(seed.replace(seed.split("/")[5], otherToken) + "user-data", 404);
        get(seed.replace(seed.split("/")[5], "0".repeat(64)) + "meta-data", 404);
    }

    @Test
    void passwordResetRebootsARunningServerWithANewInstanceId() {
        UUID tenant = tenant();
        UUID server = running(tenant, "reset");
        access.set(Actor.SYSTEM, Scope.of(tenant), server, new ServerAccess.Request(null, List.of(KEY), null));
        String seed = seedOf(server);
        assertThat(get(seed + "user-data", 200)).doesNotContain("chpasswd");

        assertThat(access.resetRootPassword(Actor.SYSTEM, Scope.of(tenant), server, "another long secret"))
                .isTrue();

        assertThat(jobs(server, JobKind.REBOOT)).isEqualTo(1);
        assertThat(get(seed + "meta-data", 200)).contains("instance-id: ik-" + server + "-2");
        assertThat(get(seed + "user-data", 200)).contains("chpasswd").contains(KEY);
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
    }

    @Test
    void badSettingsNameTheFieldAndStoreNothing() {
        UUID tenant = tenant();
        UUID server = running(tenant, "bad");
        access.set(Actor.SYSTEM, Scope.of(tenant), server, new ServerAccess.Request(null, List.of(KEY), null));

        assertThatThrownBy(() -> access.set(Actor.SYSTEM, Scope.of(tenant), server,
                new ServerAccess.Request("short", List.of("ssh-rsa AAAA"), "#!/bin/sh")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap())
                        .containsKeys("rootPassword", "sshKeys", "userData"));
        assertThatThrownBy(() -> access.resetRootPassword(Actor.SYSTEM, Scope.of(tenant), server, ""))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap())
                        .containsKey("rootPassword"));
        assertThat(get(seedOf(server) + "meta-data", 200)).contains("-1\n");
        assertThat(provisioning.access(server).sshKeys()).containsExactly(KEY);

        UUID stranger = tenant();
        assertThatThrownBy(() -> access.set(Actor.SYSTEM, Scope.of(stranger), server,
                new ServerAccess.Request(PASSWORD, List.of(), null)))
                .isInstanceOf(io.innkeeper.kernel.NotFound.class);
    }

    private UUID tenant() {
        UUID tenant = fixtures.customer("access-" + UUID.randomUUID());
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
        return tenant;
    }

    private UUID running(UUID tenant, String name) {
        UUID server = servers.order(tenant, fixtures.catalog(), Fixtures.hostname(name));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        return server;
    }

    private String seedOf(UUID server) {
        String xml = libvirt.with("test:///default", c -> c.domainLookupByUUID(server).getXMLDesc(0));
        assertThat(xml).contains("<smbios mode='sysinfo'/>");
        Matcher m = SEED.matcher(xml);
        assertThat(m.find()).as(xml).isTrue();
        return m.group(1);
    }

    private static String get(String url, int status) {
        URI uri = URI.create(url);
        return given().baseUri(uri.getScheme() + "://" + uri.getHost()).port(uri.getPort())
                .get(uri.getPath()).then().statusCode(status).extract().asString();
    }

    @Transactional
    long jobs(UUID guest, JobKind kind) {
        return Job.count("guestId = ?1 and kind = ?2", guest, kind);
    }
}
