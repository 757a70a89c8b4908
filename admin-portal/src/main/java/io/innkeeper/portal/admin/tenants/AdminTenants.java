package io.innkeeper.portal.admin.tenants;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.ledger.Entry;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.kernel.Money;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.portal.admin.servers.ServerFilter;
import io.innkeeper.portal.admin.servers.ServerList;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.SignUp;
import io.innkeeper.tenancy.Invitations;
import io.innkeeper.tenancy.Tenants;

/**
 * Tenants: search, a tenant's page (members, quota, servers), quota, approving a self-made account, suspension and
 * closing the account.
 */
@Path(AdminLinks.TENANTS)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminTenants {

    static final int LIMIT = 100;
    static final int SERVERS_SHOWN = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(String q, List<Tenants.TenantRow> tenants);

        static native TemplateInstance list$rows(String q, List<Tenants.TenantRow> tenants);

        static native TemplateInstance show(Tenants.Detail detail, ServerList.Page servers, QuotaForm quota,
                String reason, FieldErrors errors, Billing billing, boolean awaitingApproval,
                List<Invitations.Sent> invitations);

        static native TemplateInstance create(NewTenantForm form, QuotaForm quota, FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    Tenants tenants;

    @Inject
    QuotaService quotas;

    @Inject
    SignUp signUp;

    @Inject
    ServerList servers;

    @Inject
    InvoiceQueries invoices;

    @Inject
    Ledger ledger;

    @Inject
    Invitations invitations;

    /** The new-tenant form as typed. */
    public record NewTenantForm(String kind, String name, String currency, String timeZone, String country,
            String ownerEmail) {
    }

    /** The tenant's invoices and ledger, newest first, with its balance. */
    public record Billing(List<InvoiceView> invoices, List<Entry> entries, Money balance) {
    }

    @GET
    public TemplateInstance list(@RestQuery String q, @RestHeader("HX-Request") boolean htmx) {
        String term = q == null ? "" : q.strip();
        List<Tenants.TenantRow> found = tenants.search(term, LIMIT);
        return htmx ? Templates.list$rows(term, found) : Templates.list(term, found);
    }

    @GET
    @Path("new")
    public TemplateInstance newTenant() {
        return Templates.create(new NewTenantForm("CUSTOMER", "", "EUR", "UTC", "", ""),
                new QuotaForm("0", "0", "0", "0", "0", "0", "", "", ""), new FieldErrors());
    }

    /** Makes a customer or reseller with its quota and invites its owner by e-mail, in one transaction. */
    @POST
    public Response create(@RestForm String kind, @RestForm String name, @RestForm String currency,
            @RestForm String timeZone, @RestForm String country, @RestForm String ownerEmail,
            @RestForm String servers, @RestForm String vcpus, @RestForm String memory, @RestForm String disk,
            @RestForm String ipv4, @RestForm String snapshots) {
        NewTenantForm form = new NewTenantForm(kind, name, currency, timeZone, country, ownerEmail);
        QuotaForm quota = new QuotaForm(servers, vcpus, memory, disk, ipv4, snapshots, "", "", "");
        Invitations.Sent sent;
        try {
            sent = tenants.create(caller.actor(), new Tenants.NewTenant(kind, name, currency, timeZone, country,
                    ownerEmail), quota.parse());
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.create(form, quota, e.errors())).build();
        }
        return back(sent.tenantId());
    }

    @POST
    @Path("{id}/invitations/{invitation}/resend")
    public Response resend(@RestPath UUID id, @RestPath UUID invitation) {
        try {
            invitations.resend(caller.actor(), new Invitations.Authority.Admin(), id, invitation);
        } catch (InvalidInput e) {
            return refused(id, "", e);
        }
        return back(id);
    }

    @POST
    @Path("{id}/invitations/{invitation}/revoke")
    public Response revoke(@RestPath UUID id, @RestPath UUID invitation) {
        try {
            invitations.revoke(caller.actor(), new Invitations.Authority.Admin(), id, invitation);
        } catch (InvalidInput e) {
            return refused(id, "", e);
        }
        return back(id);
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@RestPath UUID id) {
        Tenants.Detail detail = tenants.detail(id);
        return page(detail, QuotaForm.of(detail.quota()), "", new FieldErrors());
    }

    @POST
    @Path("{id}/quota")
    public Response quota(@RestPath UUID id, @RestForm String servers, @RestForm String vcpus,
            @RestForm String memory, @RestForm String disk, @RestForm String ipv4, @RestForm String snapshots,
            @RestForm("running_servers") String runningServers, @RestForm("running_vcpus") String runningVcpus,
            @RestForm("running_memory") String runningMemory) {
        QuotaForm form = new QuotaForm(servers, vcpus, memory, disk, ipv4, snapshots, runningServers, runningVcpus,
                runningMemory);
        try {
            quotas.set(caller.actor(), id, form.parse());
        } catch (InvalidInput e) {
            return Response.status(422).entity(page(tenants.detail(id), form, "", e.errors())).build();
        }
        return back(id);
    }

    /** Lifts a self-made account's new-account limit: it gets its full quota. */
    @POST
    @Path("{id}/approve")
    public Response approve(@RestPath UUID id) {
        try {
            signUp.approve(caller.actor(), id);
        } catch (InvalidInput e) {
            return refused(id, "", e);
        }
        return back(id);
    }

    @POST
    @Path("{id}/suspend")
    public Response suspend(@RestPath UUID id, @RestForm String reason) {
        try {
            tenants.suspend(caller.actor(), id, reason);
        } catch (InvalidInput e) {
            return refused(id, reason, e);
        }
        return back(id);
    }

    @POST
    @Path("{id}/unsuspend")
    public Response unsuspend(@RestPath UUID id, @RestForm String liftReason) {
        try {
            tenants.unsuspend(caller.actor(), id, liftReason);
        } catch (InvalidInput e) {
            return refused(id, "", e);
        }
        return back(id);
    }

    @POST
    @Path("{id}/close")
    public Response close(@RestPath UUID id, @RestForm String closeReason) {
        try {
            tenants.close(caller.actor(), id, closeReason);
        } catch (InvalidInput e) {
            return refused(id, "", e);
        }
        return back(id);
    }

    /** The tenant page again with the messages of a refused form; the quota form shows what is stored. */
    private Response refused(UUID id, String reason, InvalidInput e) {
        Tenants.Detail detail = tenants.detail(id);
        return Response.status(422).entity(page(detail, QuotaForm.of(detail.quota()), reason, e.errors())).build();
    }

    private TemplateInstance page(Tenants.Detail detail, QuotaForm quota, String reason, FieldErrors errors) {
        ServerList.Page page = servers.page(new ServerFilter(null, detail.tenant().id(), null, null, null),
                SERVERS_SHOWN);
        UUID id = detail.tenant().id();
        return Templates.show(detail, page, quota, reason, errors, new Billing(invoices.list(id),
                ledger.entries(id), ledger.balance(id)), signUp.awaitingApproval(id),
                invitations.open(new Invitations.Authority.Admin(), id));
    }

    private static Response back(UUID id) {
        return Response.seeOther(URI.create(AdminLinks.tenant(id))).build();
    }
}
