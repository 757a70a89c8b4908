package io.innkeeper.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.testing.Mailbox;

/** Mail reaches the real mail server the run started, and only once the transaction that asked for it commits. */
@QuarkusTest
class MailTest {

    @Inject
    Mail mail;

    @Test
    void aLetterOutsideATransactionArrivesAsWritten() {
        String to = Mailbox.freshAddress("reader");
        mail.send(new Mail.Letter(to, "Hello from the panel", "Line one\nGrüße, line two"));
        Mailbox.Message received = Mailbox.await(to, "Hello from the panel");
        assertThat(received.text()).contains("Line one").contains("Grüße, line two");
        assertThat(received.from()).contains("noreply@innkeeper.test");
    }

    @Test
    void aLetterLeavesWhenItsTransactionCommitsAndNeverWhenItRollsBack() throws InterruptedException {
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
        Mailbox.await(kept, "Committed");
        // The committed letter was sent after the rolled-back one was asked for; give the latter as long again.
        Thread.sleep(Duration.ofMillis(500));
        assertThat(Mailbox.messages(dropped)).isEmpty();
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
}
