package io.innkeeper.tenancy;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code innkeeper.keycloak.admin.*}: how the panel reaches Keycloak's Admin REST API, as the service account of its
 * own confidential client ({@code innkeeper-admin}: service accounts only, realm-management's view-users,
 * query-users and manage-users).
 */
@ConfigMapping(prefix = "innkeeper.keycloak.admin")
public interface KeycloakAdminConfig {

    /** Keycloak's base address; by default the part of {@code quarkus.oidc.auth-server-url} before {@code /realms/}. */
    Optional<String> url();

    @WithDefault("innkeeper-admin")
    String clientId();

    /** The client's secret ({@code INNKEEPER_KEYCLOAK_ADMIN_SECRET}); without it the panel manages no logins. */
    Optional<String> secret();

    /** The panel's sign-in client, which the links in Keycloak's mails return through. */
    @WithDefault("innkeeper-panel")
    String panelClientId();

    /** Where a person lands after acting on a Keycloak mail: the panel's public address; none, Keycloak's own page. */
    Optional<String> redirectUrl();

    /** How long the link in an actions mail works. */
    @WithDefault("72h")
    Duration actionsLifespan();

    /**
     * The longest wait for one call to Keycloak. Calls that make Keycloak send a mail wait for its mail server too,
     * so this is generous.
     */
    @WithDefault("30s")
    Duration timeout();
}
