package io.innkeeper.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import io.innkeeper.kernel.Backoff;
import io.innkeeper.kernel.Batches;
import io.innkeeper.kernel.Text;
import io.innkeeper.mail.Mail;
import io.innkeeper.tenancy.People;

/**
 * Mails the notifications that are due. A replica claims one at a time: it moves the row's time on by a lease (so no
 * other replica sends it meanwhile) under a token of its own, writes the mail, records that it is handing the mail
 * over (only while its lease is live, which it then renews), hands it to the mail server and marks it sent; a failure
 * waits an exponential backoff and, after the last attempt, is marked failed with its error for admins to see and
 * resend. Only the lease's holder can record an outcome, so a replica that lost its lease never overwrites another's.
 * <p>
 * What this guarantees: every notification is handed to the mail server until the server accepts it or it fails for
 * good, whatever replicas die and when (a dead replica's row waits out its lease, then another sends it); a mail is
 * sent twice only when the server may already have taken it and the panel never heard so, that is when a replica dies
 * (or its connection breaks) between the end of the message and the server's answer. SMTP cannot rule that out, so
 * the row counts such interrupted handovers, and every copy carries the same Message-ID, made from the
 * notification's id, which lets mail programs and mailbox stores show it once. A replica that dies before it began
 * the handover, or while the server had not yet taken the message, causes no second copy.
 */
@ApplicationScoped
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class);
    // One row per claim, so a replica that dies leaves one row waiting out its lease, not a batch. A handover left
    // unfinished by the last holder is counted here, before the mail goes out again.
    private static final String CLAIM = """
            update notification n set run_after = now() + make_interval(secs => :lease), attempts = n.attempts + 1,
                   lease_owner = :token, handover_at = null,
                   interrupted_handovers = n.interrupted_handovers + (n.handover_at is not null)::int
            where n.id = (select c.id from notification c where c.mail_state = 'PENDING' and c.run_after <= now()
                          order by c.run_after, c.seq limit 1 for update skip locked)
            returning n.id
            """;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    NotificationConfig config;

    @Inject
    Mail mail;

    @Inject
    People people;

    @Inject
    Outgoing outgoing;

    @Inject
    NotificationSender self;

    @Scheduled(every = "${innkeeper.notifications.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            sendDue(1000);
        } catch (RuntimeException e) {
            // The database is away or the panel is shutting down: the notifications stay due for the next poll.
            LOG.warnf("cannot send notifications: %s", e.getMessage());
        }
    }

    /** Sends what is due, one at a time, until nothing is or {@code limit} were tried; answers how many went out. */
    public int sendDue(int limit) {
        return Batches.eachClaimed(limit, self::claim, this::send);
    }

    @Transactional(TxType.REQUIRES_NEW)
    Optional<UUID> claim(UUID token) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery(CLAIM, UUID.class)
                .setParameter("lease", (double) config.lease().toMillis() / 1000).setParameter("token", token)
                .getResultList();
        return ids.stream().findFirst();
    }

    /**
     * Records that the holder of {@code token} begins handing the mail over, and renews its lease for the handover;
     * false when the lease has passed (another replica may hold the row now), and then the mail must not go out.
     */
    @Transactional(TxType.REQUIRES_NEW)
    boolean handOver(UUID id, UUID token) {
        return em.createNativeQuery("update notification set handover_at = now(), "
                + "run_after = now() + make_interval(secs => :lease) where id = :id and lease_owner = :token "
                + "and mail_state = 'PENDING' and run_after > now()")
                .setParameter("lease", (double) config.lease().toMillis() / 1000).setParameter("id", id)
                .setParameter("token", token).executeUpdate() == 1;
    }

    private boolean send(UUID id, UUID token) {
        Optional<Outgoing.Ready> ready;
        try {
            ready = outgoing.prepare(id);
        } catch (RuntimeException e) {
            LOG.warnf(e, "cannot write notification %s", id);
            self.settle(id, token, false, false, false, "Cannot write the mail: " + e.getMessage());
            return false;
        }
        if (ready.isEmpty()) {
            // Its account is gone, or its topic is one this replica does not know (a newer one, mid-upgrade):
            // retried with backoff, so a replica that knows it may send it, and failed for good in the end.
            self.settle(id, token, false, false, false, "The notification's account or topic is unknown here.");
            return false;
        }
        Optional<String> to = people.emailOf(ready.get().login());
        if (to.isEmpty()) {
            self.skip(id, token, "The person has no mail address.");
            return false;
        }
        Letters.Written w = ready.get().written();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Message-ID", "<" + id + "@notifications.innkeeper>");
        headers.put("X-Innkeeper-Topic", ready.get().topic().key());
        if (w.unsubscribe() != null) {
            headers.put("List-Unsubscribe", "<" + w.unsubscribe() + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        Mail.Message message;
        try {
            message = new Mail.Message(new Mail.Letter(to.get(), w.subject(), Text.clip(w.text(), Mail.MAX_TEXT)),
                    w.html(), w.attachments(), headers, config.senderName().orElse(null));
        } catch (IllegalArgumentException e) {
            self.settle(id, token, false, false, false, e.getMessage());
            return false;
        }
        if (!self.handOver(id, token)) {
            LOG.infof("notification %s: lease passed before the handover; left to its new holder", id);
            return false;
        }
        try {
            mail.deliverNow(message);
        } catch (Mail.MailRefused e) {
            self.settle(id, token, false, e.unsure(), e.permanent(), e.getMessage());
            return false;
        }
        self.settle(id, token, true, false, false, null);
        return true;
    }

    /**
     * Records an attempt's outcome, if {@code token} still holds the row. {@code unsure}: the server may have taken
     * the mail although the attempt failed (counted as an interrupted handover); {@code permanent}: the server refused
     * it for good (5xx), so it fails now instead of after the last attempt. Times come from the database, the
     * one clock all replicas share for leases.
     */
    @Transactional(TxType.REQUIRES_NEW)
    void settle(UUID id, UUID token, boolean sent, boolean unsure, boolean permanent, String error) {
        if (sent) {
            em.createNativeQuery("update notification set mail_state = 'SENT', sent_at = :now, last_error = null, "
                    + "handover_at = null where id = :id and lease_owner = :token").setParameter("now",
                            clock.instant()).setParameter("id", id).setParameter("token", token).executeUpdate();
            return;
        }
        List<?> rows = em.createNativeQuery("select attempts from notification where id = :id and lease_owner = "
                + ":token and mail_state = 'PENDING' for update").setParameter("id", id).setParameter("token", token)
                .getResultList();
        if (rows.isEmpty()) {
            return;
        }
        int attempts = ((Number) rows.get(0)).intValue();
        String message = Text.clip(error == null ? "unknown error" : error, 1000);
        boolean last = permanent || attempts >= config.maxAttempts();
        Duration wait = Backoff.after(attempts, config.backoff(), config.maxBackoff());
        em.createNativeQuery("update notification set mail_state = :state, last_error = :e, handover_at = null, "
                + "interrupted_handovers = interrupted_handovers + :unsure, "
                + "run_after = now() + make_interval(secs => :wait) where id = :id")
                .setParameter("state", last ? "FAILED" : "PENDING").setParameter("e", message)
                .setParameter("unsure", unsure ? 1 : 0).setParameter("wait", (double) wait.toMillis() / 1000)
                .setParameter("id", id).executeUpdate();
        if (last) {
            LOG.infof("notification %s given up after %d attempts: %s", id, attempts, message);
        } else {
            LOG.infof("notification %s not mailed on attempt %d (%s); next try in %s", id, attempts, message, wait);
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    void skip(UUID id, UUID token, String why) {
        em.createNativeQuery("update notification set mail_state = 'SKIPPED', last_error = :e where id = :id "
                + "and lease_owner = :token").setParameter("e", why).setParameter("id", id)
                .setParameter("token", token).executeUpdate();
    }
}
