package io.innkeeper.portal.tenant;

import java.util.List;
import java.util.Map;

import io.innkeeper.catalog.Plan;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.orders.Server;
import io.innkeeper.orders.ServerConsole;
import io.innkeeper.provisioning.guest.GuestSnapshot;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.provisioning.job.Job;
import io.innkeeper.provisioning.template.OsTemplate;

/**
 * Everything one server's page shows. The status card alone (what htmx polls) needs only the server, its
 * addresses and jobs; the rest is empty there. {@code console} is null until it is read: the page asks for it
 * after loading, so a slow node never holds up the page.
 */
public record ServerView(Server server, List<Address> addresses, Map<String, String> reverseDns, List<Job> jobs,
        List<GuestSnapshot> snapshots, List<Plan> plans, List<OsTemplate> templates, List<UsageChart> charts,
        UsageHistory.Range range, boolean busy, FieldErrors errors, ServerConsole console) {

    public List<UsageHistory.Range> ranges() {
        return List.of(UsageHistory.Range.values());
    }

    public String ptr(Address address) {
        return reverseDns.getOrDefault(address.address(), "");
    }
}
