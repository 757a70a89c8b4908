package io.innkeeper.portal.tenant;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.OrderService;
import io.innkeeper.orders.ServerAccess;
import io.innkeeper.tenancy.Scope;

/**
 * An order from the form with the server's access settings (root password, SSH keys, user data) in the same
 * transaction: a wrong key or password refuses the whole order, so no server is made without what was asked.
 */
@ApplicationScoped
public class ServerOrders {

    @Inject
    OrderService orders;

    @Inject
    ServerAccess access;

    @Transactional
    public OrderService.Placed place(Actor actor, Scope scope, OrderRequest request, ServerAccess.Request wanted) {
        OrderService.Placed placed = orders.order(actor, scope, request);
        if (!placed.replayed() && !empty(wanted)) {
            access.set(actor, scope, placed.server().id, wanted);
        }
        return placed;
    }

    /** The SSH keys of a text area, one a line. */
    static List<String> keys(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(k -> !k.isEmpty()).toList();
    }

    private static boolean empty(ServerAccess.Request r) {
        return (r.rootPassword() == null || r.rootPassword().isEmpty()) && r.sshKeys().isEmpty()
                && (r.userData() == null || r.userData().isBlank());
    }
}
