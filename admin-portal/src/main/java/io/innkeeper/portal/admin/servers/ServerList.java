package io.innkeeper.portal.admin.servers;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.orders.ListServers;
import io.innkeeper.orders.ServerFilter.Cursor;

/**
 * The all-servers list across tenants: the server list ({@link ListServers}) over the platform, newest first, in
 * keyset pages, so page 500 costs what page 1 does; and how many servers match, up to a cap.
 */
@ApplicationScoped
public class ServerList {

    /** Counts above this show as "more than". */
    public static final int COUNT_CAP = 10_000;

    /** One page, the position of the next if there is one, and how many match (at most one past the cap). */
    public record Page(List<ServerRow> rows, Cursor next, long total) {

        public boolean totalCapped() {
            return total > COUNT_CAP;
        }
    }

    @Inject
    ListServers servers;

    public Page page(ServerFilter filter, int size) {
        io.innkeeper.orders.ServerFilter.Page page = servers.page(ListServers.Scope.platform(), filter.filter(),
                filter.after(), size);
        return new Page(page.rows().stream().map(ServerRow::of).toList(), page.next().orElse(null),
                servers.count(filter.filter(), COUNT_CAP));
    }
}
