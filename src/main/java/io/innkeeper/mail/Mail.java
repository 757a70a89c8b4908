package io.innkeeper.mail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

import io.innkeeper.kernel.EmailAddresses;
import io.innkeeper.kernel.Text;

/**
 * The panel's outgoing mail, the one way any module sends a message to a person. A letter ({@link #send}) is written
 * to the panel's mail queue in the caller's transaction, so a refused or rolled-back change (an invitation that was not
 * stored) never mails anyone, and one that commits is mailed whatever happens next: {@link LetterSender} hands it to
 * the mail server and tries again, with a growing wait, while the server is away or answers "try later". Mail goes
 * through SMTP (Quarkus Mailer): the mail server {@code bin/run} and {@code bin/test} start, or the provider's relay in
 * production. Senders that keep their own record of what went out (notifications) hand a full message over at once
 * with {@link #deliverNow}.
 */
@ApplicationScoped
public class Mail {

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
    Vertx vertx;

    /** How long {@link #deliverNow} waits for the server's answer: Quarkus's setting for its blocking mailer. */
    @Inject
    @ConfigProperty(name = "quarkus.mailer.timeout", defaultValue = "60s")
    Duration timeout;

    private volatile Context sending;

    @Inject
    @ConfigProperty(name = "quarkus.mailer.from")
    String from;

    @Inject
    EntityManager em;

    /**
     * Puts {@code letter} in the mail queue in the caller's transaction (or a transaction of its own): it leaves once
     * that commits, and not at all if it rolls back. Answers the letter's id, which its Message-ID carries.
     */
    @Transactional
    public UUID send(Letter letter) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into mail_letter (id, recipient, subject, body) values (:id, :to, :subject, "
                + ":body)").setParameter("id", id).setParameter("to", letter.to())
                .setParameter("subject", letter.subject()).setParameter("body", letter.text()).executeUpdate();
        return id;
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
        CompletableFuture<Void> answer = new CompletableFuture<>();
        sending().runOnContext(v -> mailer.send(mail).subscribe().with(ok -> answer.complete(null),
                answer::completeExceptionally));
        try {
            if (timeout.isZero()) {
                answer.get();
            } else {
                answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new MailRefused(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(),
                    cause, !answeredOrUnreached(cause), !worthRetrying(cause));
        } catch (TimeoutException e) {
            throw new MailRefused("no answer from the mail server within " + timeout, e, true, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailRefused("interrupted while the mail server answered", e, true, false);
        }
    }

    /**
     * The event-loop context every message is handed over on. The Vert.x mail client sets its reply handler on a new
     * connection in a later task when called from any other thread, and a server greeting that arrives first is
     * dropped: the client then waits for it until the timeout, while the server waits for EHLO. Called on an
     * event-loop context of its own, the client connects and sets the handler in one go (1.4 % of sends from a
     * worker thread hung against a server that greets at once; none of 1,000 from this context).
     */
    private Context sending() {
        Context c = sending;
        if (c == null) {
            synchronized (this) {
                if (sending == null) {
                    sending = ((VertxInternal) vertx).createEventLoopContext();
                }
                c = sending;
            }
        }
        return c;
    }

    /**
     * The mail server refused a message or could not be reached. {@link #unsure()} says whether it may have taken the
     * message all the same: the connection broke or the wait timed out after the server was reached, so it may have
     * accepted the message without the panel hearing its answer.
     */
    public static final class MailRefused extends RuntimeException {
        private final boolean unsure;
        private final boolean permanent;

        MailRefused(String message, Throwable cause, boolean unsure, boolean permanent) {
            super(message, cause);
            this.unsure = unsure;
            this.permanent = permanent;
        }

        public boolean unsure() {
            return unsure;
        }

        /** The server refused the message for good (a 5xx answer): trying again cannot help. */
        public boolean permanent() {
            return permanent;
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

    /**
     * Whether a failed send may succeed if tried again: anything but the server's permanent refusal (a 5xx reply),
     * so a dropped pooled connection, a timeout or a server that is restarting (4xx) does not lose the letter.
     */
    static boolean worthRetrying(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.ext.mail.SMTPException smtp) {
                return smtp.getReplyCode() < 500;
            }
        }
        return true;
    }
}
