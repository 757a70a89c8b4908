package io.innkeeper.portal.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.Usage;

class UsageChartTest {

    @Test
    void scalesToThePeakAcrossTheWholeWidth() {
        UsageChart chart = new UsageChart("cpu", "CPU", "%", List.of(0.0, 50.0, 25.0));
        assertThat(chart.points()).isEqualTo("0.0,100.0 240.0,0.0 480.0,50.0");
        assertThat(chart.peak()).isEqualTo("50.00 %");
        assertThat(chart.empty()).isFalse();
    }

    @Test
    void noSamplesIsAnEmptyChartNotADivisionByZero() {
        UsageChart chart = new UsageChart("net", "Network", "MB", List.of(0.0, 0.0));
        assertThat(chart.empty()).isTrue();
        assertThat(chart.points()).isEqualTo("0.0,100.0 480.0,100.0");
    }

    @Test
    void quotaBarsClampAndWarn() {
        assertThat(new QuotaBar("Servers", 3, 4, "").percent()).isEqualTo(75);
        assertThat(new QuotaBar("Servers", 9, 4, "").percent()).isEqualTo(100);
        assertThat(new QuotaBar("Servers", 0, 0, "").percent()).isZero();
        assertThat(new QuotaBar("Servers", 1, 0, "").high()).isTrue();
        assertThat(new QuotaBar("Public IPv4 addresses", 1, 10, "").id()).isEqualTo("public-ipv4-addresses");
        List<QuotaBar> bars = QuotaBar.of(new QuotaLimits(5, 10, 4096, 100, 2, 3, null, null, null),
                new Usage(2, 4, 1024, 20, 1, 0, 2, 4, 1024));
        assertThat(bars).extracting(QuotaBar::label).containsExactly("Servers", "vCPUs", "Memory", "Disk",
                "Public IPv4 addresses", "Snapshots");
        assertThat(bars.get(2).percent()).isEqualTo(25);
    }
}
