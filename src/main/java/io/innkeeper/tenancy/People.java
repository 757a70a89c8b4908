package io.innkeeper.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.innkeeper.kernel.EmailAddresses;

/**
 * Where to write to a login: the address Keycloak holds for it, remembered in the panel (at each sign-in, and when a
 * mail was due) so that mailing many people does not ask Keycloak each time. A remembered address older than a day
 * is asked again; when Keycloak cannot answer, the remembered one serves.
 */
@ApplicationScoped
public class People {

    private static final Logger LOG = Logger.getLogger(People.class);
    private static final Duration FRESH = Duration.ofDays(1);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Logins logins;

    /** The login's mail address, if it has one. Asks Keycloak outside any transaction when the panel's is stale. */
    @Transactional(TxType.NOT_SUPPORTED)
    public Optional<String> emailOf(String login) {
        Optional<Remembered> known = remembered(login);
        if (known.isPresent() && known.get().at().isAfter(clock.instant().minus(FRESH))) {
            return Optional.ofNullable(known.get().email());
        }
        try {
            Optional<String> email = logins.findByUsername(login).map(Logins.Login::email)
                    .filter(e -> EmailAddresses.problem(e).isEmpty());
            remember(login, email.orElse(null));
            return email;
        } catch (RuntimeException e) {
            LOG.warnf("cannot ask Keycloak for the address of %s: %s", login, e.getMessage());
            return known.map(Remembered::email);
        }
    }

    /** Remembers the login's address as Keycloak gave it (null: it has none). */
    @Transactional(TxType.REQUIRES_NEW)
    public void remember(String login, String email) {
        em.createNativeQuery("insert into person (login, email, updated_at) values (:l, :e, :t) "
                + "on conflict (login) do update set email = excluded.email, updated_at = excluded.updated_at")
                .setParameter("l", login).setParameter("e", email).setParameter("t", clock.instant())
                .executeUpdate();
    }

    private record Remembered(String email, Instant at) {
    }

    @Transactional(TxType.REQUIRES_NEW)
    Optional<Remembered> remembered(String login) {
        List<Object[]> rows = em.createNativeQuery("select email, updated_at from person where login = :l",
                Object[].class).setParameter("l", login).getResultList();
        return rows.stream().findFirst().map(r -> new Remembered((String) r[0], (Instant) r[1]));
    }
}
