package io.innkeeper.portal.tenant;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.account.SubAccounts;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.BillingCopies;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.Invitations;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.TenantStatus;

/**
 * A reseller's customers: what each holds of the pool, what it uses, a form to change its share; new customer
 * accounts with their owner invited by e-mail; whether the reseller receives copies of their billing mails; invitations, renaming and closing on each customer's page.
 */
@Path(Links.CUSTOMERS)
// Whether these pages exist for a person is their account's kind (see reseller()), not a Keycloak role: the owner
// of a reseller account an admin made, who registered through an invitation, has the realm's default role only.
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class CustomerPages {

    /** The new-customer form as typed. */
    public record NewCustomer(String name, String email, FieldErrors errors) {
    }

    /** Whether the reseller receives copies of its customers' billing mails, and whether the caller may switch it. */
    public record BillingCopiesView(boolean on, boolean canSwitch) {
    }

    /** A customer's page: its account, quota form, open invitations and what the caller may do. */
    public record CustomerView(SubAccounts.Detail customer, QuotaForm form, List<Invitations.Sent> invitations,
            List<MemberRole> roles, boolean canChange, boolean isOpen, String email, String name,
            FieldErrors errors, boolean quotaSaved) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance customers(List<SubAccounts.Detail> customers, List<QuotaBar> pool,
                QuotaLimits promised, NewCustomer form, boolean canChange, BillingCopiesView copies);

        static native TemplateInstance customer(CustomerView view);
    }

    @Inject
    Caller caller;

    @Inject
    SubAccounts subAccounts;

    @Inject
    QuotaService quotas;

    @Inject
    BillingCopies copies;

    @GET
    public TemplateInstance customers() {
        return list(new NewCustomer("", "", new FieldErrors()));
    }

    /** Makes a customer account and invites its owner by e-mail. */
    @POST
    public Response create(@RestForm String name, @RestForm String email) {
        UUID reseller = reseller();
        SubAccounts.Detail made;
        try {
            made = subAccounts.createAndInvite(caller.actor(), reseller, name, null, email);
        } catch (InvalidInput e) {
            return Response.status(422).entity(list(new NewCustomer(name == null ? "" : name,
                    email == null ? "" : email, e.errors()))).build();
        }
        return Response.seeOther(URI.create(Links.customer(made.account().id()))).build();
    }

    /** An owner switches copies of the customers' billing mails on or off (the form's {@code copies}: on or absent). */
    @POST
    @Path("billing-copies")
    public Response billingCopies(@RestForm String copies) {
        this.copies.set(caller.actor(), reseller(), caller.role(), "on".equals(copies));
        return Response.seeOther(URI.create(Links.CUSTOMERS)).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance customer(@RestPath UUID id, @RestQuery String saved) {
        SubAccounts.Detail customer = subAccounts.detail(reseller(), id);
        return page(customer, QuotaForm.of(customer.quota()), "", new FieldErrors(), "quota".equals(saved));
    }

    @POST
    @Path("{id}/quota")
    public Response setQuota(@RestPath UUID id, @RestForm String servers, @RestForm String vcpus,
            @RestForm String memory, @RestForm String disk, @RestForm String ipv4, @RestForm String snapshots) {
        UUID reseller = reseller();
        subAccounts.requireCustomer(reseller, id);
        QuotaForm form = new QuotaForm(servers, vcpus, memory, disk, ipv4, snapshots);
        try {
            subAccounts.setQuota(caller.actor(), reseller, id, form.limits());
        } catch (InvalidInput e) {
            return Response.status(422).entity(page(subAccounts.detail(reseller, id), form, "", e.errors()))
                    .build();
        }
        return Response.seeOther(URI.create(Links.customer(id) + "?saved=quota")).build();
    }

    @POST
    @Path("{id}/invitations")
    public Response invite(@RestPath UUID id, @RestForm String email, @RestForm String role) {
        return change(id, email, () -> subAccounts.invite(caller.actor(), reseller(), id, email, role));
    }

    @POST
    @Path("{id}/invitations/{invitation}/resend")
    public Response resend(@RestPath UUID id, @RestPath UUID invitation) {
        return change(id, "", () -> subAccounts.resendInvitation(caller.actor(), reseller(), id, invitation));
    }

    @POST
    @Path("{id}/invitations/{invitation}/revoke")
    public Response revoke(@RestPath UUID id, @RestPath UUID invitation) {
        return change(id, "", () -> {
            subAccounts.revokeInvitation(caller.actor(), reseller(), id, invitation);
            return null;
        });
    }

    @POST
    @Path("{id}/rename")
    public Response rename(@RestPath UUID id, @RestForm String name) {
        return change(id, "", () -> subAccounts.rename(caller.actor(), reseller(), id, name));
    }

    @POST
    @Path("{id}/close")
    public Response close(@RestPath UUID id) {
        return change(id, "", () -> subAccounts.close(caller.actor(), reseller(), id));
    }

    private Response change(UUID id, String email, Supplier<?> action) {
        UUID reseller = reseller();
        subAccounts.requireCustomer(reseller, id);
        try {
            action.get();
        } catch (InvalidInput e) {
            SubAccounts.Detail customer = subAccounts.detail(reseller, id);
            return Response.status(422).entity(page(customer, QuotaForm.of(customer.quota()), email, e.errors()))
                    .build();
        }
        return Response.seeOther(URI.create(Links.customer(id))).build();
    }

    private TemplateInstance list(NewCustomer form) {
        UUID reseller = reseller();
        List<SubAccounts.Detail> rows = subAccounts.withQuotas(reseller);
        QuotaLimits promised = rows.stream().map(SubAccounts.Detail::quota).reduce(QuotaLimits.zero(),
                QuotaLimits::plus);
        return Templates.customers(rows, QuotaBar.of(quotas.limits(reseller), quotas.usage(quotas.pool(reseller))),
                promised, form, caller.canChange(),
                new BillingCopiesView(copies.copies(reseller), caller.isOwner()));
    }

    private TemplateInstance page(SubAccounts.Detail customer, QuotaForm form, String email, FieldErrors errors) {
        return page(customer, form, email, errors, false);
    }

    private TemplateInstance page(SubAccounts.Detail customer, QuotaForm form, String email, FieldErrors errors,
            boolean quotaSaved) {
        UUID id = customer.account().id();
        return Templates.customer(new CustomerView(customer, form, subAccounts.invitations(reseller(), id),
                List.of(MemberRole.values()), caller.canChange(), customer.account().status() != TenantStatus.CLOSED,
                email == null ? "" : email, customer.account().name(), errors, quotaSaved));
    }

    /** The signed-in reseller; 404 for anyone else. Another reseller's customer answers 404 in {@link SubAccounts}. */
    private UUID reseller() {
        if (!caller.isReseller()) {
            throw new NotFound("page");
        }
        return caller.scopeTenant();
    }
}
