package io.innkeeper.portal.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.TokenScope;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;

class TokenFormTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void readsScopeDaysAllowListAndSubAccount() {
        UUID sub = UUID.randomUUID();
        ApiTokens.NewToken request = new TokenForm("ci", " read ", " 30 ",
                "203.0.113.7, 198.51.100.0/24\n\n2001:db8::/32 ", sub.toString()).request(NOW);
        assertThat(request.name()).isEqualTo("ci");
        assertThat(request.scope()).isEqualTo(TokenScope.READ);
        assertThat(request.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(request.allowedIps()).containsExactly("203.0.113.7", "198.51.100.0/24", "2001:db8::/32");
        assertThat(request.subAccount()).isEqualTo(sub);
    }

    @Test
    void emptyFieldsTakeTheDefaults() {
        ApiTokens.NewToken request = new TokenForm("ci", "WRITE", "", " ", null).request(NOW);
        assertThat(request.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        assertThat(request.allowedIps()).isNull();
        assertThat(request.subAccount()).isNull();
        assertThat(TokenForm.blank().request(NOW).scope()).isEqualTo(TokenScope.WRITE);
    }

    @Test
    void namesEveryFieldItCannotRead() {
        assertThatThrownBy(() -> new TokenForm("ci", "ADMIN", "367", "", "customer-7").request(NOW))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap().keySet())
                        .containsExactly("scope", "expiresInDays", "subAccount"));
        for (String days : List.of("0", "-1", "1.5", "soon", "99999999999")) {
            assertThatThrownBy(() -> new TokenForm("ci", "READ", days, "", "").request(NOW))
                    .as(days).isInstanceOf(InvalidInput.class);
        }
    }

    @Test
    void putsTheServicesErrorsOnTheFormsFields() {
        FieldErrors mapped = TokenForm.onForm(new FieldErrors().add("expiresAt", "too late").add("name", "empty"));
        assertThat(mapped.asMap()).containsEntry("expiresInDays", "too late").containsEntry("name", "empty")
                .doesNotContainKey("expiresAt");
    }
}
