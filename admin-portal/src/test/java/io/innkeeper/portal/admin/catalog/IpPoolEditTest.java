package io.innkeeper.portal.admin.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.restassured.specification.RequestSpecification;

import io.innkeeper.audit.AuditEvent;
import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.portal.admin.AdminData;
import io.innkeeper.provisioning.ip.IpPools;
import io.innkeeper.testing.Fixtures;

@QuarkusTest
@TestSecurity(user = "pool-editor", roles = "admin")
class IpPoolEditTest {

    @Inject
    AdminData data;

    @Inject
    IpPools ipPools;

    @Inject
    Fixtures fixtures;

    /** A /28 of its own: .1 the gateway, .2 to .14 addresses. */
    record Pool(UUID id, String prefix) {
    }

    Pool pool() {
        String prefix = "10." + ThreadLocalRandom.current().nextInt(100, 250) + "."
                + ThreadLocalRandom.current().nextInt(0, 256) + ".";
        int block = ThreadLocalRandom.current().nextInt(0, 16) * 16;
        String base = prefix + block;
        UUID id = ipPools.createIpv4(data.region(), base + "/28", prefix + (block + 1));
        return new Pool(id, base);
    }

    static RequestSpecification edit(String name, String gateway, String dns) {
        return AdminCsrf.form().formParam("name", name).formParam("gateway", gateway).formParam("dnsServers", dns);
    }

    String address(UUID pool, int offset) {
        return (String) data.value("select host(network(network) + ?2) from ip_pool where id = ?1", pool, offset);
    }

    @Test
    void renamesPoolSetsDnsServersAndGuestsAreToldThem() {
        UUID pool = pool().id();
        String gateway = address(pool, 1);
        UUID guest = data.guest(fixtures.catalog().node(), 1, 512, 10);
        data.update("update ip_address set guest_id = ?2 where pool_id = ?1 and address = cast(?3 as inet)", pool,
                guest, address(pool, 5));
        edit("Edge public", gateway, "198.51.100.53,  2001:DB8::53").post("/admin/ip-pools/" + pool + "/edit").then()
                .statusCode(303);
        given().get("/admin/ip-pools/" + pool).then().statusCode(200).body(containsString("Edge public"),
                containsString("198.51.100.53, 2001:db8::53"));
        assertThat(ipPools.addressesOf(guest)).singleElement()
                .satisfies(a -> assertThat(a.dnsServers()).containsExactly("198.51.100.53", "2001:db8::53"));
        AuditEvent event = AuditEvent.<AuditEvent>find("action = ?1 and targetId = ?2", "ip-pool.edit",
                pool.toString()).firstResult();
        assertThat(event.beforeState).contains("\"dnsServers\": \"\"");
        assertThat(event.afterState).contains("\"name\": \"Edge public\"");
    }

    @Test
    void movesTheGatewayButNotOntoAnAddressAServerHolds() {
        UUID pool = pool().id();
        String oldGateway = address(pool, 1);
        String held = address(pool, 5);
        String free = address(pool, 9);
        UUID guest = data.guest(fixtures.catalog().node(), 1, 512, 10);
        data.update("update ip_address set guest_id = ?2 where pool_id = ?1 and address = cast(?3 as inet)",
                pool, guest, held);

        edit("", held, "").post("/admin/ip-pools/" + pool + "/edit").then().statusCode(422)
                .body(containsString("id=\"gateway-error\""), containsString("is held by"));
        edit("", "192.0.2.1", "").post("/admin/ip-pools/" + pool + "/edit").then().statusCode(422)
                .body(containsString("id=\"gateway-error\""), containsString("outside"));
        edit("", address(pool, 15), "").post("/admin/ip-pools/" + pool + "/edit").then().statusCode(422)
                .body(containsString("broadcast"));
        edit("x".repeat(101), oldGateway, "dns.example.com").post("/admin/ip-pools/" + pool + "/edit").then()
                .statusCode(422).body(containsString("id=\"name-error\""), containsString("id=\"dnsServers-error\""));
        assertThat(data.value("select host(gateway) from ip_pool where id = ?1", pool)).isEqualTo(oldGateway);
        assertThat(AuditEvent.count("action = ?1 and targetId = ?2", "ip-pool.edit", pool.toString())).isZero();

        edit("", free, "").post("/admin/ip-pools/" + pool + "/edit").then().statusCode(303);
        assertThat(data.value("select host(gateway) from ip_pool where id = ?1", pool)).isEqualTo(free);
        assertThat(count(pool, free)).isZero();
        assertThat(count(pool, oldGateway)).isEqualTo(1);
        assertThat(((Number) data.value("select count(*) from ip_address where pool_id = ?1", pool)).longValue())
                .isEqualTo(13);
        assertThat(ipPools.addressesOf(guest).get(0).gateway()).isEqualTo(free);
    }

    long count(UUID pool, String address) {
        return ((Number) data.value("select count(*) from ip_address where pool_id = ?1 and address = cast(?2 as inet)",
                pool, address)).longValue();
    }
}
