package io.innkeeper.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.AuditEvent;

@QuarkusTest
class PlanCatalogTest {

    private static final Actor ADMIN = new Actor("plan-admin", null, "127.0.0.1", null);

    @Inject
    PlanCatalog catalog;

    private static PlanSpec spec(String code, int vcpus, String hourly) {
        return new PlanSpec(code, "Plan " + code, "kvm,xen", vcpus, 2048, 40, 2000, 1000, 500, 100, 1024, 80,
                new BigDecimal(hourly), new BigDecimal("9.00"), "EUR", true);
    }

    @Test
    void editPublishesNewVersionAndLeavesTheOldOneAsItWas() {
        String code = "pv-" + UUID.randomUUID().toString().substring(0, 8);
        Plan first = catalog.publish(ADMIN, spec(code, 1, "0.0100"));
        Plan second = catalog.publish(ADMIN, spec(code, 2, "0.0150"));

        assertThat(second.id).isNotEqualTo(first.id);
        assertThat(second.version).isEqualTo(2);
        Plan old = reload(first.id);
        assertThat(old.vcpus).isEqualTo(1);
        assertThat(old.hourlyPrice).isEqualByComparingTo("0.0100");
        assertThat(old.retiredAt).isNotNull();
        assertThat(Plan.onSale()).extracting(p -> p.id).contains(second.id).doesNotContain(first.id);
        assertThat(audits(code)).isEqualTo(2);
    }

    @Test
    void publishingTheSameSpecAgainChangesNothing() {
        String code = "ps-" + UUID.randomUUID().toString().substring(0, 8);
        Plan first = catalog.publish(ADMIN, spec(code, 1, "0.0100"));
        Plan again = catalog.publish(ADMIN, spec(code, 1, "0.0100"));
        assertThat(again.id).isEqualTo(first.id);
        assertThat(again.version).isEqualTo(1);
    }

    @Test
    void retiredFromSaleIsNoLongerOffered() {
        String code = "pr-" + UUID.randomUUID().toString().substring(0, 8);
        Plan first = catalog.publish(ADMIN, spec(code, 1, "0.0100"));
        Plan retired = catalog.retireFromSale(ADMIN, code);
        assertThat(retired.onSale).isFalse();
        assertThat(Plan.onSale()).extracting(p -> p.code).doesNotContain(code);
        assertThat(reload(first.id).retiredAt).isNotNull();
    }

    @Transactional
    Plan reload(UUID id) {
        return Plan.findById(id);
    }

    @Transactional
    long audits(String code) {
        return AuditEvent.count("targetType = 'plan' and targetId = ?1", code);
    }
}
