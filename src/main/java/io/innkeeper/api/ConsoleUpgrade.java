package io.innkeeper.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;

/**
 * Who opens a console socket, taken from the HTTP upgrade (the page's session or an API token) and kept with the
 * connection, so {@link ConsoleSocket} and {@link VncSocket} can hold the ticket to that person. The sockets'
 * callbacks run without the upgrade's identity, so it is read here, once; an upgrade without a signed-in person is
 * refused with 401.
 */
@ApplicationScoped
public class ConsoleUpgrade implements HttpUpgradeCheck {

    /** The signed-in login that opened the socket. */
    static final UserData.TypedKey<String> LOGIN = UserData.TypedKey.forString("innkeeper.console.login");

    @Override
    public boolean appliesTo(String endpointId) {
        return ConsoleSocket.class.getName().equals(endpointId) || VncSocket.class.getName().equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return context.securityIdentity().onItem().transformToUni(identity -> {
            if (identity == null || identity.isAnonymous()) {
                return CheckResult.rejectUpgrade(401);
            }
            context.userData().put(LOGIN, identity.getPrincipal().getName());
            return CheckResult.permitUpgrade();
        });
    }
}
