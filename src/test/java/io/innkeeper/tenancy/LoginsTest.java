package io.innkeeper.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.testing.KeycloakUsers;
import io.innkeeper.testing.Mailbox;

/**
 * The panel manages logins through Keycloak's Admin REST API as its own service account (the realm's innkeeper-admin
 * client): against the run's real Keycloak, with the mail Keycloak sends read from the real mail server.
 */
@QuarkusTest
class LoginsTest {

    @Inject
    Logins logins;

    @Test
    void makesALoginOnceFindsItAndKeycloakMailsItsSetupLink() {
        String address = Mailbox.freshAddress("logins");
        try {
            Logins.Ensured made = logins.ensure(Actor.SYSTEM, address);
            assertThat(made.created()).isTrue();
            assertThat(made.login().email()).isEqualTo(address);
            assertThat(made.login().username()).isEqualTo(address);
            assertThat(made.login().emailVerified()).isFalse();
            assertThat(made.login().enabled()).isTrue();

            assertThat(logins.findByEmail(address.toUpperCase(java.util.Locale.ROOT)))
                    .map(Logins.Login::id).contains(made.login().id());
            assertThat(logins.findByUsername(address)).map(Logins.Login::id).contains(made.login().id());
            assertThat(logins.get(made.login().id()).email()).isEqualTo(address);
            Logins.Ensured again = logins.ensure(Actor.SYSTEM, " " + address + " ");
            assertThat(again.created()).as("the same address finds the login it made").isFalse();
            assertThat(again.login().id()).isEqualTo(made.login().id());

            logins.sendSetupMail(made.login().id());
            Mailbox.Message mail = Mailbox.await(address,
                    m -> m.text() != null && m.text().contains("/login-actions/action-token"));
            assertThat(mail.link(KeycloakUsers.realm() + "/login-actions/action-token")).contains("key=");

            logins.sendVerifyEmail(made.login().id());
            Mailbox.await(address, "Verify email");
        } finally {
            KeycloakUsers.delete(address);
        }
    }

    @Test
    void aBadAddressIsRefusedNamingTheFieldBeforeKeycloakIsAsked() {
        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> logins.ensure(Actor.SYSTEM, "not an address"));
        assertThat(e.errors().asMap()).containsKey("email");
        assertThat(logins.findByUsername("not an address")).isEmpty();
    }

    @Test
    void anUnknownLoginIsNotFound() {
        assertThatThrownBy(() -> logins.get(UUID.randomUUID().toString())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> logins.sendSetupMail(UUID.randomUUID().toString())).isInstanceOf(NotFound.class);
        assertThat(logins.findByEmail(Mailbox.freshAddress("nobody"))).isEmpty();
    }
}
