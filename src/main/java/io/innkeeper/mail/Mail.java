package io.innkeeper.mail;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    /** A file sent with a message. */
    public record Attachment(String name, String contentType, byte[] data) {

        public Attachment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A full message: a letter with an HTML alternative (or null), attachments and extra headers (a Message-ID that
     * names what the message is about, List-Unsubscribe). Sent at once by {@link #deliverNow}, which says whether the
     * server took it.
     */
    public record Message(Letter letter, String html, List<Attachment> attachments, Map<String, String> headers,
            String fromName) {

        public Message {
            Objects.requireNonNull(letter, "letter");
            if (html != null && html.length() > MAX_TEXT * 3) {
                throw new IllegalArgumentException("a letter's HTML is at most " + MAX_TEXT * 3 + " characters");
            }
            attachments = List.copyOf(attachments);
            headers = Map.copyOf(headers);
        }
    }

    @Inject
    ReactiveMailer mailer;

    @Inject
    io.quarkus.mailer.Mailer blockingMailer;

    @Inject
    @ConfigProperty(name = "quarkus.mailer.from")
    String from;

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

    /**
     * Hands {@code message} to the mail server now and waits for its answer: returns when the server accepted it,
     * throws {@link MailRefused} when it did not. For senders that keep their own record of what went out (the
     * notification worker); a caller in a transaction should not hold it open for this.
     */
    public void deliverNow(Message message) {
        Letter letter = message.letter();
        io.quarkus.mailer.Mail mail = io.quarkus.mailer.Mail.withText(letter.to(), letter.subject(), letter.text());
        if (message.html() != null) {
            mail.setHtml(message.html());
        }
        for (Attachment a : message.attachments()) {
            mail.addAttachment(a.name(), a.data(), a.contentType());
        }
        message.headers().forEach(mail::addHeader);
        if (message.fromName() != null && !message.fromName().isBlank()) {
            mail.setFrom(withName(message.fromName(), from));
        }
        try {
            blockingMailer.send(mail);
        } catch (RuntimeException e) {
            throw new MailRefused(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e,
                    !answeredOrUnreached(e));
        }
    }

    /**
     * The mail server refused a message or could not be reached. {@link #unsure()} says whether it may have taken the
     * message all the same: the connection broke or the wait timed out after the server was reached, so it may have
     * accepted the message without the panel hearing its answer.
     */
    public static final class MailRefused extends RuntimeException {
        private final boolean unsure;

        MailRefused(String message, Throwable cause, boolean unsure) {
            super(message, cause);
            this.unsure = unsure;
        }

        public boolean unsure() {
            return unsure;
        }
    }

    /** Whether the failure is a definite no: the server answered with an error code, or was never reached. */
    static boolean answeredOrUnreached(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.ext.mail.SMTPException || t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The configured sender address under another display name: {@code "Name <address>"}. */
    static String withName(String name, String configuredFrom) {
        String address = configuredFrom;
        int open = configuredFrom.lastIndexOf('<');
        int close = configuredFrom.lastIndexOf('>');
        if (open >= 0 && close > open) {
            address = configuredFrom.substring(open + 1, close);
        }
        String clean = name.replaceAll("[\\r\\n\"<>]", "").strip();
        return "\"" + clean + "\" <" + address.strip() + ">";
    }

    private void deliver(Letter letter) {
        mailer.send(io.quarkus.mailer.Mail.withText(letter.to(), letter.subject(), letter.text())).subscribe().with(
                ok -> LOG.debugf("mailed '%s' to %s", letter.subject(), letter.to()),
                failure -> LOG.warnf("mailing '%s' to %s failed: %s", letter.subject(), letter.to(),
                        failure.getMessage()));
    }
}
