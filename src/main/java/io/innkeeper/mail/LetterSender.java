package io.innkeeper.mail;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import io.innkeeper.kernel.Backoff;
import io.innkeeper.kernel.Batches;
import io.innkeeper.kernel.Text;

/**
 * Hands the letters in the mail queue ({@link Mail#send}) to the mail server. A replica claims one letter at a time
 * by moving its time on by a lease under a token of its own, so no other replica sends it meanwhile; a letter the
 * server took is deleted (its text holds a one-time link, which the panel keeps no longer than it must); a failure
 * that may pass (the server away, a dropped connection, a 4xx answer) waits a growing backoff; a 5xx answer or the
 * last attempt marks the letter failed with the reason. A replica that dies mid-way leaves its letter to wait out the
 * lease, then another sends it; the server may then get a letter twice, and both copies carry the same Message-ID.
 */
@ApplicationScoped
public class LetterSender {

    private static final Logger LOG = Logger.getLogger(LetterSender.class);
    private static final String CLAIM = """
            update mail_letter l set run_after = now() + make_interval(secs => :lease), attempts = l.attempts + 1,
                   lease_owner = :token
            where l.id = (select c.id from mail_letter c where c.state = 'PENDING' and c.run_after <= now()
                          order by c.run_after limit 1 for update skip locked)
            returning l.id, l.recipient, l.subject, l.body, l.attempts
            """;

    /** A letter one replica holds the lease of. */
    record Claimed(UUID id, Mail.Letter letter, int attempts) {
    }

    @Inject
    EntityManager em;

    @Inject
    MailConfig config;

    @Inject
    Mail mail;

    @Inject
    LetterSender self;

    @Scheduled(every = "${innkeeper.mail.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            sendDue(100);
        } catch (RuntimeException e) {
            // The database is away or the panel is shutting down: the letters stay due for the next poll.
            LOG.warnf("cannot send letters: %s", e.getMessage());
        }
    }

    /** Sends what is due, one at a time, until nothing is or {@code limit} were tried; answers how many went out. */
    public int sendDue(int limit) {
        return Batches.eachClaimed(limit, self::claim, this::send);
    }

    @Transactional(TxType.REQUIRES_NEW)
    Optional<Claimed> claim(UUID token) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(CLAIM, Tuple.class)
                .setParameter("lease", (double) config.lease().toMillis() / 1000).setParameter("token", token)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Claimed(r.get("id", UUID.class),
                new Mail.Letter(r.get("recipient", String.class), r.get("subject", String.class),
                        r.get("body", String.class)), r.get("attempts", Integer.class)));
    }

    private boolean send(Claimed c, UUID token) {
        try {
            mail.deliverNow(new Mail.Message(c.letter(), null, List.of(),
                    Map.of("Message-ID", "<" + c.id() + "@letters.innkeeper>"), null));
        } catch (Mail.MailRefused e) {
            self.failed(c, token, e.permanent(), e.getMessage());
            return false;
        }
        self.sent(c.id(), token);
        return true;
    }

    @Transactional(TxType.REQUIRES_NEW)
    void sent(UUID id, UUID token) {
        em.createNativeQuery("delete from mail_letter where id = :id and lease_owner = :token")
                .setParameter("id", id).setParameter("token", token).executeUpdate();
    }

    /** Records a failed attempt, if {@code token} still holds the letter: another try later, or failed for good. */
    @Transactional(TxType.REQUIRES_NEW)
    void failed(Claimed c, UUID token, boolean permanent, String error) {
        String reason = Text.clip(error == null ? "unknown error" : error, 1000);
        boolean last = permanent || c.attempts() >= config.maxAttempts();
        em.createNativeQuery("update mail_letter set state = :state, last_error = :e, "
                + "run_after = now() + make_interval(secs => :wait) where id = :id and lease_owner = :token "
                + "and state = 'PENDING'").setParameter("state", (last ? LetterState.FAILED : LetterState.PENDING)
                        .name()).setParameter("e", reason)
                .setParameter("wait", (double) Backoff.after(c.attempts(), config.backoff(), config.maxBackoff())
                        .toMillis() / 1000)
                .setParameter("id", c.id()).setParameter("token", token).executeUpdate();
        if (last) {
            LOG.warnf("letter '%s' to %s failed after %d attempts: %s", c.letter().subject(), c.letter().to(),
                    c.attempts(), reason);
        } else {
            LOG.infof("letter '%s' to %s not taken yet (%s); trying again", c.letter().subject(), c.letter().to(),
                    reason);
        }
    }

    /** Deletes the failed letters made before {@code before}, in batches; answers how many (retention). */
    public long purgeFailed(java.time.Instant before, int batchSize) {
        return Batches.untilShort(batchSize, () -> QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                delete from mail_letter where id in (
                    select id from mail_letter where created_at < :before and state = 'FAILED'
                    limit :n for update skip locked)
                """).setParameter("before", before).setParameter("n", batchSize).executeUpdate()));
    }
}
