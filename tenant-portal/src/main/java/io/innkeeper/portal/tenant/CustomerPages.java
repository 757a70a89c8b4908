package io.innkeeper.portal.tenant;

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
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.account.SubAccounts;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Caller;

/** A reseller's customers: what each holds of the pool, what it uses, and a form to change its share. */
@Path(Links.CUSTOMERS)
@RolesAllowed("reseller")
@Produces(MediaType.TEXT_HTML)
public class CustomerPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance customers(List<SubAccounts.Detail> customers, List<QuotaBar> pool,
                QuotaLimits promised);

        static native TemplateInstance customer(SubAccounts.Detail customer, QuotaForm form, FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    SubAccounts subAccounts;

    @Inject
    QuotaService quotas;

    @GET
    public TemplateInstance customers() {
        UUID reseller = reseller();
        List<SubAccounts.Detail> rows = subAccounts.withQuotas(reseller);
        QuotaLimits promised = rows.stream().map(SubAccounts.Detail::quota).reduce(QuotaLimits.zero(),
                QuotaLimits::plus);
        return Templates.customers(rows, QuotaBar.of(quotas.limits(reseller), quotas.usage(quotas.pool(reseller))),
                promised);
    }

    @GET
    @Path("{id}")
    public TemplateInstance customer(@RestPath UUID id) {
        SubAccounts.Detail customer = subAccounts.detail(reseller(), id);
        return Templates.customer(customer, QuotaForm.of(customer.quota()), new FieldErrors());
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
            return Response.status(422).entity(Templates.customer(subAccounts.detail(reseller, id), form,
                    e.errors())).build();
        }
        return Response.seeOther(URI.create(Links.customer(id))).build();
    }

    /** The signed-in reseller; 404 for anyone else. Another reseller's customer answers 404 in {@link SubAccounts}. */
    private UUID reseller() {
        if (!caller.isReseller()) {
            throw new NotFound("page");
        }
        return caller.scopeTenant();
    }
}
