package io.innkeeper.portal.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.testing.Routes;
import io.innkeeper.testing.Routes.Route;

/**
 * The tenant portal's routes are found from its classes, and every parameter that names an object has a kind in the
 * isolation matrix, so a new page with an id fails here (at once, without booting the panel) until it is covered.
 */
class TenantRoutesTest {

    @Test
    void findsThePortalsPagesAndActionsFromItsClasses() {
        assertThat(TenantIsolationMatrixTest.ROUTES).extracting(Route::toString).contains("GET /servers",
                "GET /servers/{id}", "POST /servers/{id}/reboot", "POST /servers/{id}/snapshots/{name}/revert",
                "GET /servers/{id}/console", "POST /ssh-keys/{id}/delete", "GET /api-tokens/{id}/revoke",
                "POST /team/{id}/role", "POST /customers/{id}/quota", "GET /invoices/{id}/pdf");
        Route revert = TenantIsolationMatrixTest.ROUTES.stream()
                .filter(r -> r.toString().equals("POST /servers/{id}/snapshots/{name}/revert")).findFirst()
                .orElseThrow();
        assertThat(revert.parameters()).containsExactly("servers/{id}", "snapshots/{name}");
        assertThat(revert.fill(Map.of("servers/{id}", "S", "snapshots/{name}", "N")::get))
                .isEqualTo("/servers/S/snapshots/N/revert");
        assertThat(revert.allows("customer")).isTrue();
        Route quota = TenantIsolationMatrixTest.ROUTES.stream()
                .filter(r -> r.toString().equals("POST /customers/{id}/quota")).findFirst().orElseThrow();
        // The customer pages are for a reseller account's people, whichever realm role they hold; never an admin's.
        assertThat(quota.allows("customer")).isTrue();
        assertThat(quota.allows("admin")).isFalse();
        assertThat(quota.forms()).extracting(Routes.Param::name).contains("servers", "vcpus", "snapshots");
    }

    @Test
    void everyParameterThatNamesAnObjectHasAKind() {
        assertThat(TenantIsolationMatrixTest.missingKinds(TenantIsolationMatrixTest.ROUTES))
                .as(() -> TenantIsolationMatrixTest
                        .missingMessage(TenantIsolationMatrixTest.missingKinds(TenantIsolationMatrixTest.ROUTES)))
                .isEmpty();
    }

    @Test
    void aNewParameterWithoutAKindIsNamedWithTheLineToAdd() {
        Route invitation = new Route("GET", "/vouchers/{code}", "Vouchers.show", List.of(), List.of(), List.of());
        Route switcher = new Route("POST", "/switch", "Switcher.to", List.of(),
                List.of(new Routes.Param("tenant", UUID.class)), List.of());
        var missing = TenantIsolationMatrixTest.missingKinds(List.of(invitation, switcher));
        assertThat(missing).containsExactly("GET /vouchers/{code}: path parameter vouchers/{code}",
                "POST /switch: query parameter tenant");
        assertThat(TenantIsolationMatrixTest.missingMessage(missing)).contains("KINDS", "add one line");
    }

    @Test
    void pathTemplatesAreNormalised() {
        Route odd = new Route("GET", "/a/{id}", "x", List.of(), List.of(), List.of());
        assertThat(odd.parameters()).containsExactly("a/{id}");
        assertThat(Routes.normalise("/a//{id: [0-9]+}/")).isEqualTo("/a/{id}");
    }
}
