package io.innkeeper.portal.admin.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.innkeeper.catalog.PlanSpec;
import io.innkeeper.kernel.InvalidInput;

class PlanFormTest {

    private static final Set<String> TYPES = Set.of("kvm", "xen", "lxc", "openvz");

    @Test
    void parsesLimitsAndPricesExactly() {
        PlanSpec spec = new PlanForm("s-2", " Small ", "kvm, xen", "2", "4096", "80", "2000", "1000", "", "200",
                "1024", "50", "0.012", "8", "eur", true).parse(TYPES);
        assertThat(spec.guestTypes()).isEqualTo("kvm,xen");
        assertThat(spec.name()).isEqualTo("Small");
        assertThat(spec.diskIops()).isNull();
        assertThat(spec.diskMbyteS()).isEqualTo(200);
        assertThat(spec.hourlyPrice()).isEqualTo(new BigDecimal("0.0120"));
        assertThat(spec.monthlyCap()).isEqualTo(new BigDecimal("8.00"));
        assertThat(spec.currency()).isEqualTo("EUR");
    }

    @Test
    void refusesWhatTheDatabaseWouldAndNamesEachField() {
        assertThatThrownBy(() -> new PlanForm("S 2", "", "vmware", "0", "10", "x", "-1", "0", "0", "", "1", "101",
                "0.00001", "-5", "EURO", true).parse(TYPES))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap()).containsOnlyKeys(
                        "code", "name", "guestTypes", "vcpus", "memoryMib", "diskGib", "trafficGb", "portMbit",
                        "diskIops", "cpuShares", "cpuCapPercent", "hourlyPrice", "monthlyCap", "currency"));
    }
}
