package io.innkeeper.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.vertx.ext.mail.SMTPException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.testing.Mailbox;

/**
 * Mail reaches the real mail server the run started, and only once the transaction that asked for it commits: a
 * letter waits in the queue, which a rolled-back transaction leaves as it was.
 */
@QuarkusTest
class MailTest {

    @Inject
    Mail mail;

    @Inject
    EntityManager em;

    @Test
    void aLetterOutsideATransactionArrivesAsWritten() {
        String to = Mailbox.freshAddress("reader");
        mail.send(new Mail.Letter(to, "Hello from the panel", "Line one\nGrüße, line two"));
        Mailbox.Message received = Mailbox.await(to, "Hello from the panel");
        assertThat(received.text()).contains("Line one").contains("Grüße, line two");
        assertThat(received.from()).contains("noreply@innkeeper.test");
    }

    @Test
    void aLetterLeavesWhenItsTransactionCommitsAndNeverWhenItRollsBack() {
        String kept = Mailbox.freshAddress("kept");
        String dropped = Mailbox.freshAddress("dropped");
        QuarkusTransaction.requiringNew().run(() -> {
            mail.send(new Mail.Letter(kept, "Committed", "sent after commit"));
            assertThat(Mailbox.messages(kept)).as("nothing leaves before the commit").isEmpty();
        });
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                mail.send(new Mail.Letter(dropped, "Rolled back", "never sent"));
                throw new IllegalStateException("the change is refused");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        assertThat(queued(dropped)).as("a rolled-back letter is not in the queue").isZero();
        Mailbox.await(kept, "Committed");
        assertThat(Mailbox.messages(dropped)).isEmpty();
    }

    private long queued(String recipient) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from mail_letter where recipient = :r").setParameter("r", recipient)
                .getSingleResult()).longValue());
    }

    /**
     * The mail server greets each new connection at once. Handed over from any thread but the mail's own event loop,
     * the Vert.x mail client sometimes missed that greeting and waited for it until the timeout (about 1 send in
     * 100); {@link Mail#deliverNow} hands every message over on its own event loop, so each one gets its answer.
     */
    @Test
    void manyMessagesHandedOverInARowEachGetTheServersAnswer() {
        String to = Mailbox.freshAddress("many");
        int messages = 200;
        long t0 = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            mail.deliverNow(new Mail.Message(new Mail.Letter(to, "Message " + i, "text " + i), null, List.of(),
                    java.util.Map.of(), null));
        }
        System.out.printf("handed %d messages over in %.1f s%n", messages, (System.nanoTime() - t0) / 1e9);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> Mailbox.messages(to).size() == messages);
    }

    @Test
    void aLetterNeedsAnAddressAndBoundedText() {
        assertThatThrownBy(() -> new Mail.Letter("not an address", "s", "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to:");
        assertThatThrownBy(() -> new Mail.Letter("a@example.com", "two\nlines", "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mail.Letter("a@example.com", "s", "x".repeat(Mail.MAX_TEXT + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheServersPermanentRefusalIsNotTriedAgain() {
        assertThat(Mail.worthRetrying(new SMTPException("550 no such user", 550,
                List.of("550 no such user"), false))).isFalse();
        assertThat(Mail.worthRetrying(new IllegalStateException("sending failed", new SMTPException(
                "554 rejected", 554, List.of("554 rejected"), false)))).isFalse();
        assertThat(Mail.worthRetrying(new SMTPException("451 busy", 451,
                List.of("451 busy"), false))).isTrue();
        assertThat(Mail.worthRetrying(new ConnectException("Connection refused"))).isTrue();
        assertThat(Mail.worthRetrying(new IllegalStateException("Connection was closed"))).isTrue();
    }
}
