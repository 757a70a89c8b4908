package io.innkeeper.portal.tenant.billing;

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
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.billing.card.CardPayments;
import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceSeller;
import io.innkeeper.billing.invoice.InvoicePdf;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.invoice.UsageRow;
import io.innkeeper.billing.rating.Draft;
import io.innkeeper.billing.reseller.ResellerInvoicer;
import io.innkeeper.billing.reseller.ResellerInvoices;
import io.innkeeper.billing.tax.TaxLine;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.kernel.PublicAddress;

/**
 * A customer's invoices: the list with the bill projected for the month so far, one invoice with its lines, its
 * PDF, and the hourly usage behind it; for a reseller's customer, the invoices its reseller issued it. Only the
 * caller's own tenant's invoices are found; any other id is 404.
 */
@Path(InvoiceLinks.INVOICES)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class InvoicePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<InvoiceView> invoices, Draft projected, TaxLine projectedTax,
                boolean billedByReseller, String sellerName);

        static native TemplateInstance show(InvoiceView invoice, InvoiceSeller seller, PayView pay);

        static native TemplateInstance usage(InvoiceView invoice, List<UsageRow> rows, UUID server);
    }

    @Inject
    Caller caller;

    @Inject
    InvoiceQueries invoices;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    ResellerInvoices resellerInvoices;

    @Inject
    ResellerInvoicer resellerInvoicer;

    @Inject
    java.time.Clock clock;

    @Inject
    CardPayments cards;

    @Inject
    PublicAddress address;

    /**
     * A reseller's customer sees its reseller's invoices and its bill so far at the reseller's prices when the
     * reseller invoices it through the panel; otherwise it is told its provider bills it directly.
     */
    @GET
    public TemplateInstance list() {
        UUID tenant = caller.scopeTenant();
        if (caller.isResellersCustomer()) {
            if (!resellerInvoices.invoicedByReseller(tenant)) {
                return Templates.list(resellerInvoices.list(tenant), null, null, true, null);
            }
            TenantInvoicer.TaxedProjection projected = resellerInvoicer.project(tenant, clock.instant());
            List<InvoiceView> issued = resellerInvoices.list(tenant);
            return Templates.list(issued, projected.draft(), projected.tax(), false, sellerName(tenant));
        }
        TenantInvoicer.TaxedProjection projected = invoicer.projectWithTax(tenant, clock.instant());
        return Templates.list(invoices.list(tenant), projected.draft(), projected.tax(), false, null);
    }

    /**
     * The invoice page's card payment: offered when the deployment takes cards and the invoice is open; {@code back}
     * says the customer returned from the gateway's page, {@code errors} what was wrong with the last try.
     */
    public record PayView(boolean offered, boolean back, FieldErrors errors) {
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@RestPath UUID id, @RestQuery boolean card) {
        Found found = find(id);
        return Templates.show(found.invoice(), found.seller(), payView(found, card, new FieldErrors()));
    }

    /** Sends the customer to the gateway's page to pay what the invoice still owes; the webhook books it. */
    @POST
    @Path("{id}/pay")
    public Response pay(@RestPath UUID id, @RestForm boolean saveCard) {
        Found found = find(id);
        String base = publicUrl();
        try {
            return Response.seeOther(cards.payInvoice(caller.scopeTenant(), id, saveCard, new CardPayments.Return(
                    base + InvoiceLinks.invoice(id) + "?card=true", base + InvoiceLinks.invoice(id))).url()).build();
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.show(found.invoice(), found.seller(),
                    payView(found, false, e.errors()))).build();
        }
    }

    /** Cards pay the platform's open invoices; a reseller's invoice is the reseller's to collect. */
    private PayView payView(Found found, boolean back, FieldErrors errors) {
        return new PayView(cards.enabled() && found.seller() == null && !found.invoice().isPaid(), back, errors);
    }

    private String publicUrl() {
        return address.base();
    }

    @GET
    @Path("{id}/pdf")
    @Produces("application/pdf")
    public Response pdf(@RestPath UUID id) {
        Found found = find(id);
        return Response.ok(InvoicePdf.render(found.invoice(), found.seller()), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + found.invoice().number() + ".pdf\"")
                .build();
    }

    @GET
    @Path("{id}/usage")
    public TemplateInstance usage(@RestPath UUID id, @RestQuery UUID server) {
        InvoiceView invoice = find(id).invoice();
        return Templates.usage(invoice, invoices.usage(caller.scopeTenant(), invoice, server), server);
    }

    /** An invoice of the caller's tenant: the platform's, or its reseller's (with the reseller as seller). */
    private record Found(InvoiceView invoice, InvoiceSeller seller) {
    }

    private Found find(UUID id) {
        UUID tenant = caller.scopeTenant();
        return invoices.get(tenant, id).map(i -> new Found(i, null))
                .or(() -> resellerInvoices.get(tenant, id).map(r -> new Found(r.invoice(), r.seller())))
                .orElseThrow(() -> new NotFound("invoice"));
    }

    private String sellerName(UUID customer) {
        return resellerInvoices.sellerOf(customer).map(InvoiceSeller::name).orElse(null);
    }
}
