package io.innkeeper.portal.tenant.billing;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.billing.reseller.ResellerInvoices;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.Caller;

/** A reseller's margin per customer and month: what it invoiced each customer less the platform's cost. */
@Path(InvoiceLinks.RESELLER_MARGINS)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class ResellerMarginPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance margins(List<ResellerInvoices.Month> months);
    }

    @Inject
    Caller caller;

    @Inject
    ResellerInvoices invoices;

    @GET
    public TemplateInstance margins() {
        if (!caller.isReseller()) {
            throw new NotFound("page");
        }
        return Templates.margins(invoices.margins(caller.scopeTenant(), 12));
    }
}
