package io.innkeeper.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.rating.Draft;
import io.innkeeper.billing.rating.LineKind;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.kernel.Money;

@QuarkusTest
class InvoiceRunTest {

    static final YearMonth JANUARY = YearMonth.of(2026, 1);

    @Inject
    BillingData data;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    InvoiceRun run;

    @Inject
    InvoiceQueries queries;

    @Inject
    io.innkeeper.billing.usage.UsageRollups rollups;

    UUID tenantWithServer(String zone) {
        UUID tenant = data.tenant("inv", zone, null);
        data.server(tenant, data.plan("0.0100", "5.00", 1000), Instant.parse("2026-01-10T00:00:00Z"),
                Instant.parse("2026-01-11T00:00:00Z"));
        return tenant;
    }

    @Test
    void runningTwiceChangesNothing() {
        UUID tenant = tenantWithServer("UTC");
        Outcome first = invoicer.invoice(tenant, JANUARY);
        InvoiceView issued = queries.get(tenant, first.invoiceId()).orElseThrow();
        Outcome second = invoicer.invoice(tenant, JANUARY);
        assertThat(first.kind()).isEqualTo(Outcome.Kind.ISSUED);
        assertThat(second.kind()).isEqualTo(Outcome.Kind.EXISTING);
        assertThat(second.invoiceId()).isEqualTo(first.invoiceId());
        assertThat(queries.get(tenant, first.invoiceId())).contains(issued);
        assertThat(issued.total()).isEqualTo(Money.of("0.24", "EUR"));
        assertThat(data.sum("select count(*) from invoice where tenant_id = ?1", tenant)).isEqualTo(1);
        RunResult again = run.run(JANUARY, "test");
        assertThat(again.outcomes()).filteredOn(o -> o.tenantId().equals(tenant)).extracting(Outcome::kind)
                .containsExactly(Outcome.Kind.EXISTING);
        assertThat(queries.get(tenant, first.invoiceId())).contains(issued);
    }

    @Test
    void twoRunsAtOnceIssueOneInvoice() throws Exception {
        List<UUID> tenants = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tenants.add(tenantWithServer("Europe/Berlin"));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<List<Outcome>>> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return tenants.stream().map(t -> invoicer.invoice(t, JANUARY)).toList();
            }));
        }
        List<Outcome> all = new ArrayList<>();
        for (var f : runs) {
            all.addAll(f.get());
        }
        assertThat(all).filteredOn(o -> o.kind() == Outcome.Kind.ISSUED).hasSize(4);
        assertThat(all).filteredOn(o -> o.kind() == Outcome.Kind.EXISTING).hasSize(4);
        for (UUID t : tenants) {
            assertThat(data.sum("select count(*) from invoice where tenant_id = ?1", t)).isEqualTo(1);
            assertThat(all.stream().filter(o -> o.tenantId().equals(t)).map(Outcome::invoiceId).distinct())
                    .hasSize(1);
        }
        assertNumbersHaveNoGaps();
    }

    @Test
    void resellerIsInvoicedForItsCustomersAtPlatformPrices() {
        UUID reseller = data.tenant("reseller", "UTC", null);
        UUID customer = data.tenant("customer", "UTC", reseller);
        UUID plan = data.plan("0.0200", "10.00", 500);
        data.server(customer, plan, Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-05T10:00:00Z"));
        data.server(reseller, plan, Instant.parse("2026-01-06T00:00:00Z"), Instant.parse("2026-01-06T05:00:00Z"));
        Outcome outcome = invoicer.invoice(reseller, JANUARY);
        InvoiceView invoice = queries.get(reseller, outcome.invoiceId()).orElseThrow();
        assertThat(invoice.lines()).filteredOn(l -> l.kind().equals("SERVER")).hasSize(2);
        assertThat(invoice.total()).isEqualTo(Money.of("0.30", "EUR"));
        assertThat(data.sum("select count(*) from invoice where tenant_id = ?1", customer)).isZero();
        assertThat(queries.get(customer, outcome.invoiceId())).isEmpty();
    }

    @Test
    void planChangeMidMonthGivesOneLinePerPlan() {
        // 2026-01-01 00:00Z created on EUR 0.01/h; 2026-01-11 09:15Z resized to EUR 0.02/h; alive to the month's end
        UUID tenant = data.tenant("resize", "UTC", null);
        UUID small = data.plan("0.0100", "50.00", 1000);
        UUID big = data.plan("0.0200", "50.00", 2000);
        UUID server = data.server(tenant, small, Instant.parse("2026-01-01T00:00:00Z"), null);
        data.planChange(server, small, big, Instant.parse("2026-01-11T09:15:00Z"));
        InvoiceView invoice = queries.get(tenant, invoicer.invoice(tenant, JANUARY).invoiceId()).orElseThrow();
        assertThat(invoice.lines()).filteredOn(l -> l.kind().equals("SERVER"))
                .extracting(l -> l.quantity().intValue()).containsExactly(250, 494);
        assertThat(invoice.total()).isEqualTo(Money.of("12.38", "EUR"));
    }

    @Test
    void projectedBillCoversTheMonthSoFar() {
        UUID tenant = data.tenant("projected", "UTC", null);
        Instant now = Instant.now();
        data.server(tenant, data.plan("0.0100", "5.00", 1000), now.minusSeconds(5 * 3600 + 60), null);
        Draft draft = invoicer.project(tenant, now);
        assertThat(draft.lines()).filteredOn(l -> l.kind() == LineKind.SERVER).singleElement()
                .satisfies(l -> assertThat(l.quantity().intValue()).isBetween(1, 6));
        assertThat(data.sum("select count(*) from invoice where tenant_id = ?1", tenant)).isZero();
    }

    @Test
    void monthNotEndedIsNotInvoiced() {
        UUID tenant = tenantWithServer("UTC");
        assertThat(invoicer.invoice(tenant, YearMonth.from(Instant.now().atZone(java.time.ZoneOffset.UTC))).kind())
                .isEqualTo(Outcome.Kind.NOT_ENDED);
    }

    void assertNumbersHaveNoGaps() {
        long count = data.sum("select count(*) from invoice where issuer = 'platform'");
        assertThat(data.sum("select max(number) from invoice where issuer = 'platform'")).isEqualTo(count);
        assertThat(data.sum("select count(distinct number) from invoice where issuer = 'platform'")).isEqualTo(count);
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
