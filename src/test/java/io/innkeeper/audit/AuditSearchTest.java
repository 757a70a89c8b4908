package io.innkeeper.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.innkeeper.kernel.InvalidInput;

class AuditSearchTest {

    @Test
    void aDayAsTheEndMeansToTheEndOfThatDay() {
        AuditSearch s = AuditSearch.parse("admin", "tenant.", null, "2026-03-01", "2026-03-31", null);
        assertThat(s.from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(s.to()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void pageLinksCarryTheExactRange() {
        AuditSearch s = AuditSearch.parse(null, null, null, "2026-03-01T08:30", "2026-03-01", null);
        AuditSearch again = AuditSearch.parse(null, null, null, s.from().toString(), s.to().toString(), null);
        assertThat(again).isEqualTo(s);
    }

    @Test
    void badValuesNameTheirFields() {
        assertThatThrownBy(() -> AuditSearch.parse(null, "drop table", "acme", "soon", "2020-01-01", "x"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap())
                        .containsOnlyKeys("action", "tenant", "from", "after"));
        assertThatThrownBy(() -> AuditSearch.parse(null, null, null, "2026-03-02", "2026-03-01", null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap())
                        .containsOnlyKeys("to"));
    }
}
