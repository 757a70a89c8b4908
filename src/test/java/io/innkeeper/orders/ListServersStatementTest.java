package io.innkeeper.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * The list statement's text and parameters. The page size is written into the text, so the platform's unfiltered
 * page is a statement without parameters, which PostgreSQL plans once per connection; every value a user chose is a
 * parameter, never text.
 */
class ListServersStatementTest {

    @Test
    void thePageSizeIsInTheTextAndTheUnfilteredPlatformPageHasNoParameters() {
        ListServers.Statement all = ListServers.statement(ListServers.Scope.platform(), ServerFilter.NONE, null, 50);
        assertThat(all.parameters()).isEmpty();
        assertThat(all.sql()).endsWith(" limit 51").doesNotContain("$");
        assertThat(all.limit()).isEqualTo(50);
    }

    @Test
    void whatTheUserChoseIsSentAsParameters() {
        UUID tenant = UUID.randomUUID();
        ServerFilter filter = new ServerFilter(GuestStatus.RUNNING, "fra", "small", "web' or 1=1 --", null, null,
                null);
        ServerFilter.Cursor after = new ServerFilter.Cursor(Instant.parse("2026-12-01T10:00:00Z"), UUID.randomUUID());
        ListServers.Statement page = ListServers.statement(ListServers.Scope.tenant(tenant), filter, after, 25);
        assertThat(page.sql()).doesNotContain("web'").doesNotContain("fra").doesNotContain("small")
                .contains(" limit 26");
        assertThat(page.parameters()).startsWith(tenant).contains("RUNNING", "fra", "small", "%web' or 1=1 --%")
                .hasSize(7);
    }

    @Test
    void pagesOfOneShapeShareOneTextAndDifferentShapesDoNot() {
        ServerFilter search = new ServerFilter(null, null, null, "web", null, null, null);
        ListServers.Statement a = ListServers.statement(ListServers.Scope.tenant(UUID.randomUUID()), search, null, 50);
        ListServers.Statement b = ListServers.statement(ListServers.Scope.tenant(UUID.randomUUID()),
                new ServerFilter(null, null, null, "api", null, null, null), null, 50);
        assertThat(b.sql()).isSameAs(a.sql());
        assertThat(b.parameters()).isNotEqualTo(a.parameters());
        assertThat(ListServers.statement(ListServers.Scope.tenant(UUID.randomUUID()), search, null, 10).sql())
                .isNotEqualTo(a.sql());
        assertThat(ListServers.statement(ListServers.Scope.platform(), search, null, 50).sql())
                .isNotEqualTo(a.sql()).contains("like $1");
    }

    /** The API's projection reads the same rows by the same text after its select list: only the columns differ. */
    @Test
    void theProjectionsDifferInTheirColumnsOnly() {
        UUID tenant = UUID.randomUUID();
        ServerFilter filter = new ServerFilter(GuestStatus.RUNNING, null, "small", null, null, null, null);
        String names = ListServers.statement(ListServers.Scope.tenant(tenant), ListServers.Projection.NAMES, filter,
                null, 50).sql();
        String codes = ListServers.statement(ListServers.Scope.tenant(tenant), ListServers.Projection.CODES, filter,
                null, 50).sql();
        assertThat(codes).isNotEqualTo(names).doesNotContain("t.name", "n.name", "p.version");
        assertThat(names).contains("t.name", "n.name", "p.version");
        assertThat(codes.replaceAll("select .*? from ", "select from "))
                .isEqualTo(names.replaceAll("select .*? from ", "select from "));
        assertThat(ListServers.statement(ListServers.Scope.tenant(tenant), filter, null, 50).sql()).isSameAs(names);
    }

    /** Only text an address could hold looks in addresses: host() writes digits, a to f, dots and colons. */
    @Test
    void onlyTextThatCouldBeInAnAddressSearchesAddresses() {
        assertThat(ListServers.couldBeInAnAddress("10.0.0.")).isTrue();
        assertThat(ListServers.couldBeInAnAddress("2001:db8::1")).isTrue();
        assertThat(ListServers.couldBeInAnAddress("beef")).isTrue();
        assertThat(ListServers.couldBeInAnAddress("srv-42")).isFalse();
        assertThat(ListServers.couldBeInAnAddress("2001:DB8")).isFalse();
        assertThat(ListServers.couldBeInAnAddress("10.0.0.0/8")).isFalse();
        UUID tenant = UUID.randomUUID();
        assertThat(ListServers.statement(ListServers.Scope.tenant(tenant),
                new ServerFilter(null, null, null, "10.0.", null, null, null), null, 50).sql())
                .contains("host(a.address) like $2");
        assertThat(ListServers.statement(ListServers.Scope.tenant(tenant),
                new ServerFilter(null, null, null, "srv-42", null, null, null), null, 50).sql())
                .contains("s.hostname like $2").doesNotContain("ip_address");
    }
}
