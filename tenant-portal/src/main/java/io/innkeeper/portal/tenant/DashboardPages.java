package io.innkeeper.portal.tenant;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.audit.AuditLog;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.orders.ServerQueries;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.Scope;

/** The account at a glance: servers by state, quota use, and what happened lately. */
@Path(Links.DASHBOARD)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class DashboardPages {

    static final int ACTIVITY = 10;

    /** How many servers are in one state. */
    public record StateCount(GuestStatus status, long count) {
    }


    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(List<StateCount> states, long total, List<QuotaBar> quota,
                List<AuditLog.Entry> activity, TenantInvoicer.MonthProjection spend);
    }

    @Inject
    Caller caller;

    @Inject
    ServerQueries servers;

    @Inject
    QuotaService quotas;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @GET
    @Transactional
    public TemplateInstance dashboard() {
        Scope scope = caller.scope();
        Map<GuestStatus, Long> counts = servers.countByStatus(scope);
        List<StateCount> states = counts.entrySet().stream().map(e -> new StateCount(e.getKey(), e.getValue()))
                .toList();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        boolean reseller = caller.isReseller();
        List<QuotaBar> quota = QuotaBar.of(quotas.limits(scope.tenantId()),
                quotas.usage(reseller ? quotas.pool(scope.tenantId()) : Set.of(scope.tenantId())));
        List<AuditLog.Entry> activity = audit.recent(scope.tenantIds(), ACTIVITY);
        return Templates.dashboard(states, total, quota, activity, spend());
    }

    /** Null for a reseller's customer: the reseller bills it, at prices the panel does not know. */
    private TenantInvoicer.MonthProjection spend() {
        if (caller.isResellersCustomer()) {
            return null;
        }
        return invoicer.projectMonth(caller.scopeTenant(), clock.instant());
    }
}
