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

import io.innkeeper.kernel.Text;
import io.innkeeper.mail.Mail;
import io.innkeeper.tenancy.People;

/**
 * Mails the notifications that are due. A replica claims a batch by moving its time on by a lease (so no other
 * replica sends it meanwhile), writes each mail, hands it to the mail server and marks it sent; a failure waits an
 * exponential backoff and, after the last attempt, is marked failed with its error for admins to see and resend.
 * Each mail carries a Message-ID made from the notification's id, so in the one case SMTP cannot rule out (a replica
 * dies after the server took a mail and before it was marked sent) the copy sent again is the same message, which
 * mail programs show once.
 */
@ApplicationScoped
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class);
    private static final String CLAIM = """
            update notification n set run_after = now() + make_interval(secs => :lease), attempts = n.attempts + 1
            where n.id in (select c.id from notification c where c.mail_state = 'PENDING' and c.run_after <= now()
                           order by c.run_after, c.seq limit :batch for update skip locked)
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
            sendDue(50);
        } catch (RuntimeException e) {
            // The database is away or the panel is shutting down: the notifications stay due for the next poll.
            LOG.warnf("cannot send notifications: %s", e.getMessage());
        }
    }

    /** Sends what is due, a batch at a time, until nothing is; answers how many mails went out. */
    public int sendDue(int batch) {
        int sent = 0;
        for (int round = 0; round < 100; round++) {
            List<UUID> due = self.claim(batch);
            if (due.isEmpty()) {
                return sent;
            }
            for (UUID id : due) {
                if (send(id)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    @Transactional(TxType.REQUIRES_NEW)
    List<UUID> claim(int batch) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery(CLAIM, UUID.class)
                .setParameter("lease", (double) config.lease().toSeconds()).setParameter("batch", batch)
                .getResultList();
        return ids;
    }

    private boolean send(UUID id) {
        Optional<Outgoing.Ready> ready;
        try {
            ready = outgoing.prepare(id);
        } catch (RuntimeException e) {
            LOG.warnf(e, "cannot write notification %s", id);
            self.settle(id, false, "Cannot write the mail: " + e.getMessage());
            return false;
        }
        if (ready.isEmpty()) {
            return false;
        }
        Optional<String> to = people.emailOf(ready.get().login());
        if (to.isEmpty()) {
            self.skip(id, "The person has no mail address.");
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
        try {
            mail.deliverNow(new Mail.Message(new Mail.Letter(to.get(), w.subject(), Text.clip(w.text(),
                    Mail.MAX_TEXT)), w.html(), w.attachments(), headers, config.senderName().orElse(null)));
        } catch (Mail.MailRefused | IllegalArgumentException e) {
            self.settle(id, false, e.getMessage());
            return false;
        }
        self.settle(id, true, null);
        return true;
    }

    @Transactional(TxType.REQUIRES_NEW)
    void settle(UUID id, boolean sent, String error) {
        if (sent) {
            em.createNativeQuery("update notification set mail_state = 'SENT', sent_at = :now, last_error = null "
                    + "where id = :id").setParameter("now", clock.instant()).setParameter("id", id).executeUpdate();
            return;
        }
        Object[] row = (Object[]) em.createNativeQuery("select attempts, mail_state from notification where id = :id "
                + "for update").setParameter("id", id).getSingleResult();
        int attempts = ((Number) row[0]).intValue();
        String message = Text.clip(error == null ? "unknown error" : error, 1000);
        if (attempts >= config.maxAttempts()) {
            em.createNativeQuery("update notification set mail_state = 'FAILED', last_error = :e where id = :id")
                    .setParameter("e", message).setParameter("id", id).executeUpdate();
            LOG.infof("notification %s given up after %d attempts: %s", id, attempts, message);
            return;
        }
        Duration wait = config.backoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        if (wait.compareTo(config.maxBackoff()) > 0) {
            wait = config.maxBackoff();
        }
        em.createNativeQuery("update notification set last_error = :e, run_after = :at where id = :id")
                .setParameter("e", message).setParameter("at", clock.instant().plus(wait)).setParameter("id", id)
                .executeUpdate();
    }

    @Transactional(TxType.REQUIRES_NEW)
    void skip(UUID id, String why) {
        em.createNativeQuery("update notification set mail_state = 'SKIPPED', last_error = :e where id = :id")
                .setParameter("e", why).setParameter("id", id).executeUpdate();
    }
}
