package io.innkeeper.portal.tenant;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.innkeeper.orders.backup.ServerBackups;
import io.innkeeper.tenancy.Caller;

/**
 * The backups card's data for the server page ({@code inject:serverBackupCard} in ServerPages/show): the newest
 * backup, how many are kept, and the schedule, from the same view the backups page shows.
 */
@Named("serverBackupCard")
@RequestScoped
public class ServerBackupCard {

    @Inject
    Caller caller;

    @Inject
    ServerBackups backups;

    public ServerBackups.View view(UUID serverId) {
        return backups.view(caller.scope(), caller.role(), serverId);
    }
}
