package io.innkeeper.portal.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.orders.ServerActions;
import io.innkeeper.orders.ServerConsole;
import io.innkeeper.orders.ServerDetails;
import io.innkeeper.orders.rescue.RescueRules;
import io.innkeeper.orders.rescue.ServerRescue;
import io.innkeeper.provisioning.guest.GuestSnapshot;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.provisioning.job.JobHistory;
import io.innkeeper.provisioning.job.JobState;
import io.innkeeper.provisioning.template.OsTemplates;

/**
 * Everything one server's page shows, with what the member may do to it already decided ({@code actions}, by
 * {@link ServerActions}, the rule the action endpoints refuse by): the template only formats. The status card
 * alone (what htmx polls) needs only the server, its addresses and jobs; the rest is empty there. {@code console}
 * is null until it is read: the page asks for it after loading, so a slow node never holds up the page.
 * {@code terminalRefusal} says why the interactive console is not offered to this member (by {@code ConsoleRules});
 * empty when it is. {@code rescue} is where the server stands with rescue mode, decided by {@code ServerRescue}.
 */
public record ServerView(ServerDetails.ServerDetail server, GuestStatus status, ServerActions.Decisions actions,
        List<Address> addresses, Map<String, String> reverseDns, List<JobLine> jobs, List<SnapshotLine> snapshots,
        List<PlanCatalog.PlanOnSale> plans, List<OsTemplates.TemplateOnSale> templates, List<UsageChart> charts,
        UsageHistory.Range range, FieldErrors errors, ServerConsole console, String terminalRefusal,
        ServerRescue.View rescue) {

    /** What a read-only cell shows for an address without a PTR name of its own: the provider's answers. */
    static final String DEFAULT_PTR = "default";

    /** One line of the job history; {@code inProgress} while the job is queued or running. */
    public record JobLine(String kind, String label, Instant createdAt, String state, String attempt,
            boolean inProgress, String step, String error) {

        static JobLine of(JobHistory.JobLine job) {
            boolean inProgress = job.state() == JobState.QUEUED || job.state() == JobState.RUNNING;
            String step = job.step() != null ? job.step() : inProgress ? "waiting" : "";
            return new JobLine(job.kind().name(), job.kind().label(), job.createdAt(),
                    job.state().name().toLowerCase(Locale.ROOT),
                    job.attempts() > 1 ? " (attempt " + job.attempts() + " of " + job.maxAttempts() + ")" : "",
                    inProgress, step, job.error());
        }
    }

    /** One snapshot, with whether the member may revert to it or delete it now. */
    public record SnapshotLine(String name, Instant createdAt, String state, boolean canRevert, boolean canDelete) {

        static SnapshotLine of(ServerDetails.SnapshotRow snapshot, ServerActions.Decisions actions) {
            boolean ready = snapshot.state() == GuestSnapshot.State.READY;
            return new SnapshotLine(snapshot.name(), snapshot.createdAt(),
                    snapshot.state().name().toLowerCase(Locale.ROOT), ready && actions.canRevert(),
                    ready && actions.canDeleteSnapshot());
        }
    }

    /** Whether the page offers the interactive console. */
    public boolean canOpenTerminal() {
        return terminalRefusal == null || terminalRefusal.isEmpty();
    }

    /** Whether the server boots its rescue system now. */
    public boolean inRescue() {
        return rescue != null && rescue.active();
    }

    public String statusLabel() {
        return status.label();
    }

    /** Whether a job is working on the server, so the status card polls until it is done. */
    public boolean busy() {
        return status.busy();
    }

    /** Why the server cannot be resized now; empty when it can. */
    public String resizeRefusal() {
        return inRescue() ? RescueRules.HELD
                : ServerActions.stateRefusal(ServerActions.Action.RESIZE, status).orElse("");
    }

    /** Why the server cannot be reinstalled now; empty when it can. */
    public String reinstallRefusal() {
        return inRescue() ? RescueRules.HELD
                : ServerActions.stateRefusal(ServerActions.Action.REINSTALL, status).orElse("");
    }

    public List<UsageHistory.Range> ranges() {
        return List.of(UsageHistory.Range.values());
    }

    /** The PTR name the customer set for the address, for the form; empty when it has none of its own. */
    public String ptr(Address address) {
        return reverseDns.getOrDefault(address.address(), "");
    }

    /** The PTR name as a read-only member reads it: the one set, or {@value #DEFAULT_PTR}. */
    public String ptrShown(Address address) {
        String ptr = ptr(address);
        return ptr.isBlank() ? DEFAULT_PTR : ptr;
    }
}
