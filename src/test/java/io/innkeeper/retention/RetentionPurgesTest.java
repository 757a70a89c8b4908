package io.innkeeper.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.AccountRetention;
import io.innkeeper.audit.AuditRetention;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.notify.NotificationRetention;
import io.innkeeper.provisioning.job.FinishedJobs;

/**
 * Each module's purge takes what is past its limit and nothing else, in batches (of two here, so several run). The
 * rows are dated around 2003 and the limits 2000 and 2005, far before anything other tests store.
 */
@QuarkusTest
class RetentionPurgesTest {

    static final Instant Y1990 = Instant.parse("1990-06-01T00:00:00Z");
    static final Instant Y2000 = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant Y2003 = Instant.parse("2003-06-01T00:00:00Z");
    static final Instant Y2005 = Instant.parse("2005-01-01T00:00:00Z");
    static final Instant Y2006 = Instant.parse("2006-06-01T00:00:00Z");

    @Inject
    BillingData data;

    @Inject
    AuditRetention audit;

    @Inject
    NotificationRetention notifications;

    @Inject
    AccountRetention account;

    @Inject
    FinishedJobs jobs;

    @Test
    void auditKeepsBillingEntriesLongerThanTheRest() {
        UUID veryOldInvoiceRun = audit("billing.invoice-run", Y1990);
        UUID invoiceRun = audit("billing.invoice-run", Y2003);
        UUID order = audit("server.order", Y2003);
        UUID console = audit("console.open", Y2003);
        UUID signIn = audit("signin", Y2003);
        UUID recent = audit("console.open", Y2006);
        assertThat(AuditRetention.billingRelevant("server.order")).isTrue();
        assertThat(AuditRetention.billingRelevant("console.open")).isFalse();

        assertThat(audit.purge(Y2000, Y2005, 2)).isEqualTo(3);
        assertThat(audit.purge(Y2000, Y2005, 2)).isZero();

        assertThat(exists("audit_event", veryOldInvoiceRun)).isFalse();
        assertThat(exists("audit_event", console)).isFalse();
        assertThat(exists("audit_event", signIn)).isFalse();
        assertThat(exists("audit_event", invoiceRun)).isTrue();
        assertThat(exists("audit_event", order)).isTrue();
        assertThat(exists("audit_event", recent)).isTrue();
    }

    @Test
    void outboxNotificationsIdempotencyAndJobsGoPastTheirLimit() {
        UUID tenant = data.tenant("purges", "UTC", null);
        UUID endpoint = UUID.randomUUID();
        data.update("insert into webhook_endpoint (id, tenant_id, url, secret, created_at) values (?1, ?2, "
                + "'https://hooks.example.com/x', 's', ?3)", endpoint, tenant, Y1990);
        UUID alone = event(tenant, Y2003);
        UUID mailed = event(tenant, Y2003);
        UUID mailWaiting = event(tenant, Y2003);
        UUID delivered = event(tenant, Y2003);
        UUID deliveryWaiting = event(tenant, Y2003);
        UUID recent = event(tenant, Y2006);
        UUID sent = notification(tenant, mailed, "SENT");
        UUID pending = notification(tenant, mailWaiting, "PENDING");
        UUID done = delivery(endpoint, delivered, "DELIVERED");
        UUID retrying = delivery(endpoint, deliveryWaiting, "PENDING");
        data.update("insert into api_idempotency (tenant_id, key, operation, body_hash, created_at) values "
                + "(?1, 'old', 'op', 'h', ?2), (?1, 'new', 'op', 'h', ?3)", tenant, Y2003, Y2006);

        assertThat(notifications.purge(Y2005, 2)).isEqualTo(1);
        assertThat(account.purgeOutbox(Y2005, 2)).as("one delivery, then three events").isEqualTo(4);
        assertThat(account.purgeIdempotency(Y2005, 2)).isEqualTo(1);
        assertThat(account.purgeOutbox(Y2005, 2)).isZero();

        assertThat(exists("notification", sent)).isFalse();
        assertThat(exists("notification", pending)).isTrue();
        assertThat(exists("webhook_delivery", done)).isFalse();
        assertThat(exists("webhook_delivery", retrying)).isTrue();
        assertThat(exists("outbox_event", alone)).isFalse();
        assertThat(exists("outbox_event", mailed)).isFalse();
        assertThat(exists("outbox_event", delivered)).isFalse();
        assertThat(exists("outbox_event", mailWaiting)).as("quoted by a notification").isTrue();
        assertThat(exists("outbox_event", deliveryWaiting)).as("a delivery still retried").isTrue();
        assertThat(exists("outbox_event", recent)).isTrue();
        assertThat(data.string("select string_agg(key, ',') from api_idempotency where tenant_id = ?1", tenant))
                .isEqualTo("new");

        UUID guest = data.server(tenant, data.plan("0.0100", "5.00", 1), Y1990, null);
        UUID succeeded = job(guest, "SUCCEEDED", Y2003);
        UUID failed = job(guest, "FAILED", Y2003);
        UUID queued = job(guest, "QUEUED", null);
        UUID recentJob = job(guest, "SUCCEEDED", Y2006);
        assertThat(jobs.purge(Y2005, 2)).isEqualTo(2);
        assertThat(exists("job", succeeded)).isFalse();
        assertThat(exists("job", failed)).isFalse();
        assertThat(exists("job", queued)).isTrue();
        assertThat(exists("job", recentJob)).isTrue();
    }

    private UUID audit(String action, Instant at) {
        UUID id = UUID.randomUUID();
        data.update("insert into audit_event (id, at, actor, action, target_type, outcome) values "
                + "(?1, ?2, 'retention-test', ?3, 'thing', 'OK')", id, at, action);
        return id;
    }

    private UUID event(UUID tenant, Instant at) {
        UUID id = UUID.randomUUID();
        data.update("insert into outbox_event (id, tenant_id, type, subject, data, created_at) values "
                + "(?1, ?2, 'server.created', 'x', '{}', ?3)", id, tenant, at);
        return id;
    }

    private UUID notification(UUID tenant, UUID event, String mailState) {
        UUID id = UUID.randomUUID();
        data.update("insert into notification (id, event_id, tenant_id, about_tenant_id, login, topic, created_at, "
                + "mail_state, run_after) values (?1, ?2, ?3, ?3, 'someone', 'SERVER_READY', ?4, ?5, ?4)", id, event, tenant,
                Y2003, mailState);
        return id;
    }

    private UUID delivery(UUID endpoint, UUID event, String state) {
        UUID id = UUID.randomUUID();
        data.update("insert into webhook_delivery (id, event_id, endpoint_id, state, run_after, seq) values "
                + "(?1, ?2, ?3, ?4, ?5, 1)", id, event, endpoint, state, Y2003);
        return id;
    }

    private UUID job(UUID guest, String state, Instant finished) {
        UUID id = UUID.randomUUID();
        data.update("insert into job (id, guest_id, kind, state, max_attempts, run_after, created_at, updated_at) "
                + "values (?1, ?2, 'REBOOT', ?3, 3, ?4, ?4, ?4)", id, guest, state, Y2003);
        if (finished != null) {
            data.update("update job set finished_at = ?2 where id = ?1", id, finished);
        }
        return id;
    }

    private boolean exists(String table, UUID id) {
        return data.sum("select count(*) from " + table + " where id = ?1", id) == 1;
    }
}
