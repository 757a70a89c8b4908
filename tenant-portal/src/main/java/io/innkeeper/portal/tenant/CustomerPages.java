package io.innkeeper.portal.tenant;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.quota.Usage;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.tenancy.Tenant;

/** A reseller's customers: what each holds of the pool, what it uses, and a form to change its share. */
@Path(Links.CUSTOMERS)
@RolesAllowed("reseller")
@Produces(MediaType.TEXT_HTML)
public class CustomerPages {

    /** One customer as the list shows it. */
    public record Row(Tenant tenant, QuotaLimits quota, Usage usage) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance customers(List<Row> customers, List<QuotaBar> pool, QuotaLimits promised);

        static native TemplateInstance customer(Row customer, QuotaForm form, FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    QuotaService quotas;

    @GET
    @Transactional
    public TemplateInstance customers() {
        UUID reseller = reseller();
        // Three reads for the whole list, however many customers: the customers, their quotas, their usage.
        List<Tenant> customers = Tenant.list("parent.id = ?1 order by name", reseller);
        java.util.Map<UUID, QuotaLimits> limits = quotas.limitsEach(customers);
        java.util.Map<UUID, Usage> usage = quotas.usageEach(customers.stream().map(t -> t.id)
                .toList());
        List<Row> rows = customers.stream().map(t -> new Row(t, limits.get(t.id), usage.get(t.id))).toList();
        QuotaLimits promised = rows.stream().map(Row::quota).reduce(QuotaLimits.zero(), QuotaLimits::plus);
        return Templates.customers(rows, QuotaBar.of(quotas.limits(reseller), quotas.usage(quotas.pool(reseller))),
                promised);
    }

    @GET
    @Path("{id}")
    @Transactional
    public TemplateInstance customer(@RestPath UUID id) {
        Row row = row(findCustomer(id));
        return Templates.customer(row, QuotaForm.of(row.quota()), new FieldErrors());
    }

    @POST
    @Path("{id}/quota")
    public Response setQuota(@RestPath UUID id, @RestForm String servers, @RestForm String vcpus,
            @RestForm String memory, @RestForm String disk, @RestForm String ipv4, @RestForm String snapshots) {
        Tenant customer = findCustomer(id);
        QuotaForm form = new QuotaForm(servers, vcpus, memory, disk, ipv4, snapshots);
        try {
            quotas.set(caller.actor(), customer.id, form.limits());
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.customer(row(customer), form, e.errors())).build();
        }
        return Response.seeOther(URI.create(Links.customer(id))).build();
    }

    private UUID reseller() {
        if (!caller.isReseller()) {
            throw new NotFound("page");
        }
        return caller.tenant().id;
    }

    /** One of the reseller's customers; 404 for any other tenant, the reseller itself included. */
    @Transactional
    Tenant findCustomer(UUID id) {
        Scope scope = caller.scope();
        UUID reseller = reseller();
        Tenant tenant = Tenant.findById(id);
        if (tenant == null || !scope.covers(id) || tenant.parent == null || !tenant.parent.id.equals(reseller)) {
            throw new NotFound("customer");
        }
        return tenant;
    }

    private Row row(Tenant tenant) {
        return new Row(tenant, quotas.limits(tenant.id), quotas.usage(Set.of(tenant.id)));
    }
}
