package io.innkeeper.portal.tenant;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.orders.iso.ServerIso;
import io.innkeeper.tenancy.Caller;

/**
 * The CD-ROM card's data for the server page ({@code inject:serverIsoCard} in ServerPages/show), so the card is part
 * of the page as served: it works without JavaScript and the page's tab order does not change after it loads.
 */
@Named("serverIsoCard")
@RequestScoped
public class ServerIsoCard {

    @Inject
    Caller caller;

    @Inject
    ServerIso iso;

    public ServerIso.View view(UUID serverId) {
        return iso.view(caller.scope(), caller.role(), serverId);
    }

    public FieldErrors noErrors() {
        return new FieldErrors();
    }
}
