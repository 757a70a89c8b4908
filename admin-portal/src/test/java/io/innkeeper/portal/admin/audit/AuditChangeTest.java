package io.innkeeper.portal.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The audit page lists the fields a change touched, in their order, and only those. */
class AuditChangeTest {

    private static String row(AuditChange c) {
        return c.field() + ": " + (c.before() == null ? "+" : c.before().shown()) + " -> "
                + (c.after() == null ? "-" : c.after().shown());
    }

    @Test
    void onlyTheChangedFieldsWithTheirValuesBeforeAndAfter() {
        List<AuditChange> changes = AuditChange.between(
                "{\"name\": \"Small\", \"vcpus\": 1, \"tags\": [\"a\"], \"gone\": true}",
                "{\"name\": \"Small\", \"vcpus\": 2, \"tags\": [\"a\", \"b\"], \"new\": \"x\"}");
        assertThat(changes).map(AuditChangeTest::row).containsExactly("vcpus: 1 -> 2",
                "tags: [\"a\"] -> [\"a\",\"b\"]", "gone: true -> -", "new: + -> x");
        assertThat(changes.get(2).removed()).isTrue();
        assertThat(changes.get(3).added()).isTrue();
    }

    @Test
    void aCreationListsEveryFieldAsAddedAndNothingChangedListsNone() {
        assertThat(AuditChange.between(null, "{\"status\": \"ACTIVE\"}")).map(AuditChangeTest::row)
                .containsExactly("status: + -> ACTIVE");
        assertThat(AuditChange.between("{\"a\": 1}", "{\"a\": 1}")).isEmpty();
    }

    @Test
    void recordsThatAreNotObjectsAreShownWholeInstead() {
        assertThat(AuditChange.between("not json", "{\"a\": 1}")).isNull();
        assertThat(AuditChange.between("[1]", "[2]")).isNull();
        assertThat(AuditChange.between(null, null)).isNull();
    }

    @Test
    void aLongValueIsClipped() {
        List<AuditChange> changes = AuditChange.between(null, "{\"k\": \"" + "x".repeat(5000) + "\"}");
        assertThat(changes.get(0).after().shown()).hasSize(AuditChange.VALUE);
        assertThat(changes.get(0).after().clipped()).isTrue();
    }
}
