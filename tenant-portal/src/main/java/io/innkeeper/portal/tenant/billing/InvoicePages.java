package io.innkeeper.portal.tenant.billing;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoicePdf;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.invoice.UsageRow;
import io.innkeeper.billing.rating.Draft;
import io.innkeeper.billing.tax.TaxLine;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.Caller;

/**
 * A customer's invoices: the list with the bill projected for the month so far, one invoice with its lines, its
 * PDF, and the hourly usage behind it. Only the caller's own tenant's invoices are found; any other id is 404.
 */
@Path(InvoiceLinks.INVOICES)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class InvoicePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<InvoiceView> invoices, Draft projected, TaxLine projectedTax,
                boolean billedByReseller);

        static native TemplateInstance show(InvoiceView invoice);

        static native TemplateInstance usage(InvoiceView invoice, List<UsageRow> rows, UUID server);
    }

    @Inject
    Caller caller;

    @Inject
    InvoiceQueries invoices;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    java.time.Clock clock;

    @GET
    public TemplateInstance list() {
        UUID tenant = caller.scopeTenant();
        boolean byReseller = caller.isResellersCustomer();
        TenantInvoicer.TaxedProjection projected = byReseller ? null
                : invoicer.projectWithTax(tenant, clock.instant());
        return Templates.list(invoices.list(tenant), projected == null ? null : projected.draft(),
                projected == null ? null : projected.tax(), byReseller);
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@RestPath UUID id) {
        return Templates.show(find(id));
    }

    @GET
    @Path("{id}/pdf")
    @Produces("application/pdf")
    public Response pdf(@RestPath UUID id) {
        InvoiceView invoice = find(id);
        return Response.ok(InvoicePdf.render(invoice), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + invoice.number() + ".pdf\"").build();
    }

    @GET
    @Path("{id}/usage")
    public TemplateInstance usage(@RestPath UUID id, @RestQuery UUID server) {
        InvoiceView invoice = find(id);
        List<UsageRow> rows = invoices.usage(caller.scopeTenant(), id, server)
                .orElseThrow(() -> new NotFound("invoice"));
        return Templates.usage(invoice, rows, server);
    }

    private InvoiceView find(UUID id) {
        return invoices.get(caller.scopeTenant(), id).orElseThrow(() -> new NotFound("invoice"));
    }
}
