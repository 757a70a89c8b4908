package io.innkeeper.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.innkeeper.audit.Audit;
import io.innkeeper.billing.invoice.InvoiceChanged;
import io.innkeeper.billing.usage.TrafficThresholdCrossed;
import io.innkeeper.kernel.UsageSteps;
import io.innkeeper.billing.ledger.PaymentReceived;
import io.innkeeper.billing.ledger.TerminationWarning;
import io.innkeeper.orders.Server;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.quota.QuotaThresholdCrossed;
import io.innkeeper.provisioning.job.GuestChanged;
import io.innkeeper.provisioning.job.JobFinished;

/**
 * Feeds the outbox from the places where state changes are already announced inside their transactions: the audit
 * log (every change a person or client makes: orders, power actions, quotas, suspensions, tokens, keys), a job's
 * end, a job moving a guest to a new status, billing's invoice changes (issued, paid, overdue), payments booked,
 * termination warnings and traffic thresholds, and quota thresholds. Each is one {@link Outbox#record} call.
 */
@ApplicationScoped
public class OutboxFeed {

    @Inject
    Outbox outbox;

    void onChange(@Observes Audit.Changed change) {
        Audit.Entry entry = change.entry();
        Optional<String> type = eventType(entry.action());
        if (entry.tenantId() == null || type.isEmpty()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", entry.targetId() == null ? null : entry.targetId().toString());
        data.put("by", change.actor().login());
        data.put("detail", entry.detail());
        data.put("before", entry.before());
        data.put("after", entry.after());
        outbox.record(entry.tenantId(), type.get(), entry.targetId(), data);
    }

    void onJobFinished(@Observes JobFinished job) {
        Guest guest = Guest.findById(job.guestId());
        if (guest == null || guest.ownerRef == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", job.jobId().toString());
        data.put("server", job.guestId().toString());
        data.put("kind", job.kind().name());
        data.put("state", job.state().name());
        data.put("error", job.error());
        outbox.record(guest.ownerRef, EventTypes.job(job.state()), job.jobId(),
                data);
        if (job.kind() == io.innkeeper.provisioning.job.JobKind.BACKUP_CREATE && job.state().finished()) {
            Map<String, Object> backup = new LinkedHashMap<>();
            UUID backupId = UUID.fromString(job.arg());
            backup.put("id", backupId.toString());
            backup.put("server", job.guestId().toString());
            io.innkeeper.provisioning.backup.GuestBackup row = io.innkeeper.provisioning.backup.GuestBackup
                    .findById(backupId);
            backup.put("sizeBytes", row == null ? null : row.sizeBytes);
            backup.put("sha256", row == null ? null : row.sha256);
            backup.put("error", job.error());
            outbox.record(guest.ownerRef, job.state() == io.innkeeper.provisioning.job.JobState.SUCCEEDED
                    ? EventTypes.BACKUP_COMPLETED : EventTypes.BACKUP_FAILED, backupId, backup);
        }
    }

    void onGuestChanged(@Observes GuestChanged change) {
        Server server = Server.findById(change.guestId());
        if (server == null) {
            return;
        }
        outbox.record(server.tenant.id, EventTypes.SERVER_STATUS_CHANGED, server.id, Map.of("id", server.id.toString(),
                "status", change.status().name()));
    }

    void onInvoice(@Observes InvoiceChanged change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", change.invoiceId().toString());
        data.put("number", change.number());
        data.put("period", change.period());
        data.put("currency", change.total().currency().getCurrencyCode());
        data.put("total", change.total().amount().toPlainString());
        data.put("paid", change.paid().amount().toPlainString());
        data.put("outstanding", change.total().amount().subtract(change.paid().amount()).toPlainString());
        data.put("dueAt", String.valueOf(change.dueAt()));
        outbox.record(change.tenantId(), EventTypes.invoice(change.kind()),
                change.invoiceId(), data);
    }

    void onQuotaThreshold(@Observes QuotaThresholdCrossed crossed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dimension", crossed.dimension());
        data.put("level", crossed.level());
        data.put("full", crossed.level() >= UsageSteps.FULL);
        data.put("percent", crossed.percent());
        data.put("used", crossed.used());
        data.put("limit", crossed.limit());
        outbox.record(crossed.tenantId(), EventTypes.QUOTA_THRESHOLD, crossed.tenantId(), data);
    }

    void onTrafficThreshold(@Observes TrafficThresholdCrossed crossed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("period", crossed.period());
        data.put("level", crossed.level());
        data.put("full", crossed.level() >= UsageSteps.FULL);
        data.put("percent", crossed.percent());
        data.put("sentGb", gigabytes(crossed.txBytes()));
        data.put("allowanceGb", gigabytes(crossed.poolBytes()));
        outbox.record(crossed.tenantId(), EventTypes.TRAFFIC_THRESHOLD, crossed.tenantId(), data);
    }

    /** Bytes as decimal GB (10^9 bytes, as traffic is billed) with two places. */
    private static String gigabytes(long bytes) {
        return java.math.BigDecimal.valueOf(bytes).movePointLeft(9).setScale(2, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }

    void onPayment(@Observes PaymentReceived payment) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", payment.paymentId().toString());
        data.put("currency", payment.amount().currency().getCurrencyCode());
        data.put("amount", payment.amount().amount().toPlainString());
        data.put("reference", payment.reference());
        data.put("invoice", payment.invoiceId() == null ? null : payment.invoiceId().toString());
        data.put("number", payment.invoiceNumber());
        data.put("outstanding", payment.outstanding().amount().toPlainString());
        data.put("paidInFull", payment.paidInFull());
        data.put("at", String.valueOf(payment.at()));
        outbox.record(payment.tenantId(), EventTypes.PAYMENT_RECEIVED, payment.paymentId(), data);
    }

    void onTerminationWarning(@Observes TerminationWarning warning) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invoice", warning.invoiceId().toString());
        data.put("number", warning.number());
        data.put("currency", warning.outstanding().currency().getCurrencyCode());
        data.put("outstanding", warning.outstanding().amount().toPlainString());
        data.put("terminateAt", String.valueOf(warning.terminateAt()));
        outbox.record(warning.tenantId(), EventTypes.TERMINATION_WARNING, warning.invoiceId(), data);
    }

    /** The public event name of each audited action that is a state change of note. */
    static final Map<String, String> AUDITED = Map.ofEntries(
            Map.entry("server.order", "server.created"),
            Map.entry("server.delete", "server.deleting"),
            Map.entry("server.reboot", "server.reboot"), Map.entry("server.start", "server.start"),
            Map.entry("server.stop", "server.stop"), Map.entry("server.power_off", "server.power_off"),
            Map.entry("server.resize", "server.resize"), Map.entry("server.reinstall", "server.reinstall"),
            Map.entry("server.rename", "server.rename"),
            Map.entry("server.reverse-dns", "server.reverse_dns_changed"),
            Map.entry("snapshot.create", "server.snapshot_create"),
            Map.entry("snapshot.revert", "server.snapshot_revert"),
            Map.entry("snapshot.delete", "server.snapshot_delete"),
            Map.entry("backup.create", "backup.requested"),
            Map.entry("backup.restore", "backup.restore"),
            Map.entry("backup.delete", "backup.deleted"),
            Map.entry("backup.schedule", "backup.schedule_changed"),
            Map.entry("backup.restore-to-new", "backup.restore_to_new"),
            Map.entry("quota.set", "account.quota_changed"),
            Map.entry("tenant.suspend", "account.suspended"),
            Map.entry("tenant.unsuspend", "account.unsuspended"),
            Map.entry("tenant.create", "account.created"),
            Map.entry("token.create", "account.token_created"),
            Map.entry("token.revoke", "account.token_revoked"),
            Map.entry("ssh_key.add", "account.ssh_key_added"),
            Map.entry("ssh_key.delete", "account.ssh_key_deleted"),
            Map.entry("webhook.create", "account.webhook_created"),
            Map.entry("tenant.require-2fa", "account.two_factor_changed"),
            Map.entry("signin.new_address", "account.new_sign_in"),
            Map.entry("login_link.create", "account.login_link_created"));

    /** The public event name of an audited action, or empty for actions that are no state change of note. */
    static Optional<String> eventType(String action) {
        return Optional.ofNullable(AUDITED.get(action));
    }
}
