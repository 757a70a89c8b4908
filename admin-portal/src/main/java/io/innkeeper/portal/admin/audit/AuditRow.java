package io.innkeeper.portal.admin.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.innkeeper.audit.AuditLog;
import io.innkeeper.audit.AuditSearch;
import io.innkeeper.web.IpText;
import io.innkeeper.web.LongText;

/**
 * One audit entry as the page shows it: the source address in its canonical text, the fields the change touched
 * ({@link AuditChange}, null when the records are not JSON objects), and the free-text values clipped to what a table
 * cell shows ({@link LongText#CELL}), each with its whole length.
 */
public record AuditRow(UUID id, Instant at, String actor, String sourceIp, String requestId, String action,
        String targetType, String targetId, UUID tenantId, String tenant, boolean refused, LongText detail,
        LongText before, LongText after, List<AuditChange> changes) {

    static AuditRow of(AuditLog.Entry e) {
        return new AuditRow(e.id(), e.at(), e.actor(), IpText.canonical(e.sourceIp()), e.requestId(), e.action(),
                e.targetType(), e.targetId(), e.tenantId(), e.tenant(), "REFUSED".equals(e.outcome()),
                LongText.of(e.detail(), LongText.CELL), LongText.of(e.before(), LongText.CELL),
                LongText.of(e.after(), LongText.CELL), AuditChange.between(e.before(), e.after()));
    }

    /** Whether the page can list the changed fields (both records, where present, are JSON objects). */
    public boolean diffable() {
        return changes != null;
    }

    /** A page of rows and where the next page starts, if there is one. */
    public record Page(List<AuditRow> entries, AuditSearch.Cursor next) {

        static Page of(AuditLog.Page page) {
            return new Page(page.entries().stream().map(AuditRow::of).toList(), page.next());
        }
    }
}
