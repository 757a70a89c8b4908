package io.innkeeper.mail;

import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.quarkus.mailer.reactive.ReactiveMailer;

import io.innkeeper.kernel.EmailAddresses;
import io.innkeeper.kernel.Text;

/**
 * The panel's outgoing mail, the one way any module sends a message to a person. A letter asked for inside a
 * transaction leaves only once that transaction commits, so a refused or rolled-back change (an invitation that was
 * not stored) never mails anyone; outside one it leaves at once. Mail goes through SMTP (Quarkus Mailer): the mail
 * server {@code bin/run} and {@code bin/test} start, or the provider's relay in production. A letter the server
 * refuses is logged; what must reach a person is kept by its module (an invitation can be sent again).
 */
@ApplicationScoped
public class Mail {

    private static final Logger LOG = Logger.getLogger(Mail.class);

    /** The longest subject a letter may have. */
    public static final int MAX_SUBJECT = 200;

    /** The longest body a letter may have. */
    public static final int MAX_TEXT = 100_000;

    /** One message to one person: plain text, which every mail program shows as written. */
    public record Letter(String to, String subject, String text) {

        public Letter {
            to = EmailAddresses.normalise(to);
            String problem = EmailAddresses.problem(to).orElse(null);
            if (problem != null) {
                throw new IllegalArgumentException("to: " + problem);
            }
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(text, "text");
            if (Text.refusal(subject, MAX_SUBJECT, false) != null || Text.refusal(text, MAX_TEXT, true) != null) {
                throw new IllegalArgumentException("a letter's subject is one line of at most " + MAX_SUBJECT
                        + " characters and its text at most " + MAX_TEXT);
            }
        }
    }

    @Inject
    ReactiveMailer mailer;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Sends {@code letter} when the caller's transaction commits, or now when there is none. */
    public void send(Letter letter) {
        if (transactions.getTransactionKey() == null) {
            deliver(letter);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    deliver(letter);
                }
            }
        });
    }

    private void deliver(Letter letter) {
        mailer.send(io.quarkus.mailer.Mail.withText(letter.to(), letter.subject(), letter.text())).subscribe().with(
                ok -> LOG.debugf("mailed '%s' to %s", letter.subject(), letter.to()),
                failure -> LOG.warnf("mailing '%s' to %s failed: %s", letter.subject(), letter.to(),
                        failure.getMessage()));
    }
}
