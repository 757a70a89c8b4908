package io.innkeeper.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.testing.KeycloakUsers;
import io.innkeeper.testing.Mailbox;

/**
 * Where the panel writes to a login: asked of the real Keycloak when the panel has no address for it, or only one older
 * than a day, and remembered, so the next mail does not ask Keycloak again.
 */
@QuarkusTest
class PeopleTest {

    private static final String PASSWORD = "people-test-password-1";

    @Inject
    People people;

    @Inject
    EntityManager em;

    @Test
    void aLoginWithNoRememberedAddressIsLookedUpInKeycloakAndRemembered() {
        String login = Mailbox.freshAddress("people");
        KeycloakUsers.create(login, login, PASSWORD);
        assertThat(remembered(login)).as("nothing remembered yet").isNull();

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(people.emailOf(login)).contains(login);

        Remembered row = remembered(login);
        assertThat(row).as("remembered after the lookup").isNotNull();
        assertThat(row.email()).isEqualTo(login);
        assertThat(row.at()).isAfterOrEqualTo(before.minusSeconds(1));
        // While the remembered address is fresh, Keycloak is not asked: the login's removal does not show yet.
        KeycloakUsers.delete(login);
        assertThat(people.emailOf(login)).contains(login);
    }

    @Test
    void anAddressRememberedMoreThanADayAgoIsAskedAgain() {
        String login = Mailbox.freshAddress("stale");
        KeycloakUsers.create(login, login, PASSWORD);
        people.remember(login, "old-address@mail.innkeeper.test");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update person set updated_at = now() - interval '2 days' where login = :l").setParameter("l", login)
                .executeUpdate());

        assertThat(people.emailOf(login)).contains(login);
        assertThat(remembered(login).email()).as("Keycloak's address replaces the stale one").isEqualTo(login);
        KeycloakUsers.delete(login);
    }

    @Test
    void aLoginKeycloakDoesNotKnowHasNoAddress() {
        String login = Mailbox.freshAddress("nobody");

        assertThat(people.emailOf(login)).isEqualTo(Optional.empty());
        Remembered row = remembered(login);
        assertThat(row).as("the answer is remembered too").isNotNull();
        assertThat(row.email()).isNull();
    }

    private record Remembered(String email, Instant at) {
    }

    private Remembered remembered(String login) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery("select email, updated_at from person where login = :l",
                    Object[].class).setParameter("l", login).getResultList();
            return rows.stream().findFirst().map(r -> new Remembered((String) r[0], (Instant) r[1])).orElse(null);
        });
    }
}
