package io.innkeeper.tenancy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.Busy;
import io.innkeeper.kernel.EmailAddresses;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.kernel.Text;

/**
 * Logins (Keycloak users), managed only through Keycloak's Admin REST API as the panel's own service account: find,
 * create, and have Keycloak mail a person the link to verify the address or set a password. The panel never writes
 * Keycloak's database. Keycloak's refusals become {@link InvalidInput} naming the field; Keycloak unreachable or
 * refusing the panel itself becomes {@link Busy} (503), never a 500.
 */
@ApplicationScoped
public class Logins {

    private static final Logger LOG = Logger.getLogger(Logins.class);

    /** A login as the panel sees it. */
    public record Login(String id, String username, String email, boolean emailVerified, boolean enabled,
            List<String> requiredActions) {

        static Login of(KeycloakAdminApi.User u) {
            return new Login(u.id(), u.username(), u.email(), Boolean.TRUE.equals(u.emailVerified()),
                    Boolean.TRUE.equals(u.enabled()), u.requiredActions() == null ? List.of()
                            : List.copyOf(u.requiredActions()));
        }
    }

    /** A login found or made for an address, and whether it was made now. */
    public record Ensured(Login login, boolean created) {
    }

    /** What an actions mail asks the person to do (Keycloak's required-action names). */
    public enum Action {
        VERIFY_EMAIL, UPDATE_PASSWORD
    }

    @Inject
    KeycloakAdminConfig config;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String authServerUrl;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    private volatile KeycloakAdminApi api;
    private String token;
    private Instant tokenUntil = Instant.EPOCH;

    /** The login whose address is {@code email} (any case), if there is one. */
    public Optional<Login> findByEmail(String email) {
        String address = address(email).toLowerCase(Locale.ROOT);
        return call(bearer -> api().find(bearer, realm(), address, null, true)).stream()
                .filter(u -> address.equalsIgnoreCase(u.email())).findFirst().map(Login::of);
    }

    /** The login with this username (any case), if there is one. */
    public Optional<Login> findByUsername(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return call(bearer -> api().find(bearer, realm(), null, name, true)).stream()
                .filter(u -> name.equalsIgnoreCase(u.username())).findFirst().map(Login::of);
    }

    /** The login with this Keycloak id; {@link NotFound} when there is none. */
    public Login get(String id) {
        return Login.of(call(bearer -> api().get(bearer, realm(), id)));
    }

    /**
     * The login of {@code email}, made now if there is none: enabled, its address not yet verified, no password (the
     * person sets one from {@link #sendSetupMail}). The realm takes the address as the username. Audited as
     * {@code login.create} when made.
     */
    @Transactional
    public Ensured ensure(Actor actor, String email) {
        String address = address(email);
        Optional<Login> found = findByEmail(address);
        if (found.isPresent()) {
            return new Ensured(found.get(), false);
        }
        String username = address.toLowerCase(Locale.ROOT);
        Response created;
        try {
            created = call(bearer -> api().create(bearer, realm(),
                    new KeycloakAdminApi.NewUser(username, address, true, false)));
            if (created.getStatus() >= 300) {
                throw refusal(created);
            }
        } catch (InvalidInput e) {
            // Made meanwhile by someone else (Keycloak answered 409): that login is the one.
            Optional<Login> meanwhile = findByEmail(address).or(() -> findByUsername(username));
            if (meanwhile.isPresent()) {
                return new Ensured(meanwhile.get(), false);
            }
            throw e;
        }
        URI location = created.getLocation();
        String id = location == null ? null : location.getPath().substring(location.getPath().lastIndexOf('/') + 1);
        Login login = id == null ? findByEmail(address).orElseThrow(() -> new Busy("Keycloak made the login but "
                + "does not find it; try again.")) : get(id);
        audit.changed(actor, new Audit.Entry("login.create", "login", login.id(), actor.tenantId(), login.email(),
                null, Map.of("username", login.username(), "email", login.email())));
        return new Ensured(login, true);
    }

    /** Has Keycloak mail the person a link to verify the address and set a password, back to the panel after. */
    public void sendSetupMail(String id) {
        sendActions(id, List.of(Action.VERIFY_EMAIL, Action.UPDATE_PASSWORD));
    }

    /** Has Keycloak mail the person one link to do {@code actions}; it works for {@code actions-lifespan}. */
    public void sendActions(String id, Collection<Action> actions) {
        sendActions(id, actions, redirect());
    }

    /**
     * Like {@link #sendSetupMail(String)}, then back to {@code path} of the panel (an invitation's link) rather than
     * its start page.
     */
    public void sendSetupMail(String id, String path) {
        String base = redirect();
        sendActions(id, List.of(Action.VERIFY_EMAIL, Action.UPDATE_PASSWORD), base == null ? null
                : base + path.replaceFirst("^/+", ""));
    }

    private void sendActions(String id, Collection<Action> actions, String redirectUri) {
        List<String> names = new ArrayList<>();
        actions.forEach(a -> names.add(a.name()));
        call(bearer -> {
            api().executeActionsEmail(bearer, realm(), id, config.panelClientId(), redirectUri,
                    config.actionsLifespan().toSeconds(), names);
            return null;
        });
    }

    /** Has Keycloak mail the person the link that verifies the address. */
    public void sendVerifyEmail(String id) {
        call(bearer -> {
            api().sendVerifyEmail(bearer, realm(), id, config.panelClientId(), redirect());
            return null;
        });
    }

    private static String address(String raw) {
        String address = EmailAddresses.normalise(raw);
        EmailAddresses.problem(address).ifPresent(p -> {
            throw InvalidInput.of("email", p);
        });
        return address;
    }

    private String redirect() {
        return config.redirectUrl().filter(u -> !u.isBlank()).map(u -> u.endsWith("/") ? u : u + "/").orElse(null);
    }

    /** One Admin API call with the service account's token, fetched again once if Keycloak no longer takes it. */
    private <T> T call(Function<String, T> request) {
        try {
            try {
                return request.apply("Bearer " + token(false));
            } catch (WebApplicationException e) {
                if (e.getResponse().getStatus() != 401) {
                    throw e;
                }
                return request.apply("Bearer " + token(true));
            }
        } catch (WebApplicationException e) {
            throw refusal(e.getResponse());
        } catch (ProcessingException e) {
            LOG.warnf("Keycloak's Admin API cannot be reached: %s", e.getMessage());
            throw new Busy("The sign-in service cannot be reached right now; try again in a minute.");
        }
    }

    private RuntimeException refusal(Response response) {
        int status = response.getStatus();
        String said = said(response);
        return switch (status) {
            case 404 -> new NotFound("login");
            case 409 -> InvalidInput.of("email", "A login with this address exists already.");
            case 400 -> InvalidInput.of("email", "The sign-in service refused this: "
                    + (said == null ? "bad request" : said) + ".");
            case 401, 403 -> {
                LOG.errorf("Keycloak refused the panel's service account (%d): check the %s client, its secret "
                        + "(INNKEEPER_KEYCLOAK_ADMIN_SECRET) and its realm-management roles", status, config.clientId());
                yield new Busy("The panel may not manage logins right now; tell your provider.");
            }
            default -> {
                LOG.warnf("Keycloak's Admin API answered %d: %s", status, said);
                yield new Busy("The sign-in service could not do this right now (it answered " + status
                        + "); try again in a minute.");
            }
        };
    }

    /** Keycloak's own words for a refusal ({@code errorMessage} or {@code error}), clipped; null without any. */
    private static String said(Response response) {
        try {
            if (!response.hasEntity()) {
                return null;
            }
            Map<?, ?> body = response.readEntity(Map.class);
            Object message = body.get("errorMessage") != null ? body.get("errorMessage") : body.get("error");
            return message == null ? null : Text.clip(message.toString(), 200);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private synchronized String token(boolean renew) {
        Instant now = clock.instant();
        if (renew || token == null || !now.isBefore(tokenUntil)) {
            String secret = config.secret().filter(s -> !s.isBlank()).orElseThrow(() -> new Busy(
                    "The panel is not set up to manage logins (no INNKEEPER_KEYCLOAK_ADMIN_SECRET); tell your "
                            + "provider."));
            KeycloakAdminApi.Token answer;
            try {
                answer = api().token(realm(), "client_credentials", config.clientId(), secret);
            } catch (WebApplicationException e) {
                LOG.errorf("Keycloak refused the %s client's credentials (%d)", config.clientId(),
                        e.getResponse().getStatus());
                throw new Busy("The panel may not manage logins right now; tell your provider.");
            }
            token = answer.accessToken();
            // Renewed a little early, so a token never expires between this check and Keycloak's.
            tokenUntil = now.plusSeconds(Math.max(0, answer.expiresIn() - 30));
        }
        return token;
    }

    private KeycloakAdminApi api() {
        if (api == null) {
            synchronized (this) {
                if (api == null) {
                    long timeout = config.timeout().toMillis();
                    api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(base()))
                            .connectTimeout(timeout, TimeUnit.MILLISECONDS).readTimeout(timeout, TimeUnit.MILLISECONDS)
                            .build(KeycloakAdminApi.class);
                }
            }
        }
        return api;
    }

    /** Keycloak's base address: configured, else the OIDC server address up to {@code /realms/}. */
    String base() {
        return config.url().filter(u -> !u.isBlank()).orElseGet(() -> {
            int at = authServerUrl.indexOf("/realms/");
            return at < 0 ? authServerUrl : authServerUrl.substring(0, at);
        });
    }

    /** The realm the panel signs people in with, from the OIDC server address. */
    String realm() {
        int at = authServerUrl.indexOf("/realms/");
        String rest = at < 0 ? "innkeeper" : authServerUrl.substring(at + "/realms/".length());
        return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }
}
