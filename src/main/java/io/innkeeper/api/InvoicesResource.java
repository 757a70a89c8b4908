package io.innkeeper.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.innkeeper.account.TokenResource;
import io.innkeeper.billing.card.CardPayments;
import io.innkeeper.billing.invoice.InvoicePdf;
import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.kernel.PublicAddress;

/**
 * Invoices the platform issued to the caller's account. Billing invoices direct customers and resellers; a reseller's
 * customers are billed by their reseller, so they (and a reseller's token narrowed to one of them) find none here,
 * and a reseller's one invoice covers its customers' servers. Another account's invoice answers 404.
 */
@ScopedTo(TokenResource.BILLING)
@Path("/api/v1/invoices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Invoices", description = "The account's invoices, with their lines and PDF.")
public class InvoicesResource {

    @Inject
    Caller caller;

    @Inject
    InvoiceQueries invoices;

    @Inject
    Clock clock;

    @Inject
    CardPayments cards;

    @Inject
    PublicAddress links;

    @Inject
    Idempotency idempotency;

    @Inject
    ApiJson json;

    @GET
    @Operation(operationId = "listInvoices",
            summary = "Invoices, newest issued first, a page at a time; filters: status (OPEN, PAID, OVERDUE), "
                    + "issuedFrom, issuedTo")
    public ApiViews.Page<ApiViews.InvoiceView> list(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @QueryParam("status") String status,
            @QueryParam("issuedFrom") String issuedFrom, @QueryParam("issuedTo") String issuedTo,
            @QueryParam("account") String account) {
        int size = Cursors.limit(limit);
        Cursors after = Cursors.decode(cursor);
        InvoiceQueries.Filter filter = new InvoiceQueries.Filter(status(status), ServersResource.instant(
                "issuedFrom", issuedFrom, null), ServersResource.instant("issuedTo", issuedTo, null));
        UUID own = caller.scopeTenant();
        UUID of = Cursors.uuid("account", account);
        if (of != null && !of.equals(own)) {
            if (!caller.scope().covers(of)) {
                throw new NotFound("account");
            }
            // A reseller's customer: billed by the reseller, never invoiced by the platform.
            return new ApiViews.Page<>(List.of(), null);
        }
        Instant now = clock.instant();
        List<InvoiceView> found = new ArrayList<>(invoices.page(own, filter, now,
                after == null ? null : after.at(), after == null ? null : after.id(), size));
        String next = null;
        if (found.size() > size) {
            found = found.subList(0, size);
            InvoiceView last = found.get(size - 1);
            next = Cursors.encode(last.issuedAt(), last.id());
        }
        return new ApiViews.Page<>(found.stream().map(i -> ApiViews.InvoiceView.of(i, now, false)).toList(), next);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getInvoice", summary = "One invoice with its lines, totals, paid and outstanding amount")
    public ApiViews.InvoiceView get(@PathParam("id") String id) {
        return ApiViews.InvoiceView.of(find(id), clock.instant(), true);
    }

    @GET
    @Path("/{id}/pdf")
    @Produces({ "application/pdf", MediaType.APPLICATION_JSON })
    @Operation(operationId = "getInvoicePdf", summary = "The invoice as a PDF, the same the portal serves")
    @APIResponse(responseCode = "200", description = "The PDF", content = @Content(mediaType = "application/pdf",
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    format = "binary")))
    public Response pdf(@PathParam("id") String id) {
        InvoiceView invoice = find(id);
        return Response.ok(InvoicePdf.render(invoice), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + invoice.number() + ".pdf\"").build();
    }

    @POST
    @Path("/{id}/payment-link")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "createInvoicePaymentLink", summary = "A card payment page (Stripe Checkout) for what "
            + "the invoice still owes; the invoice turns paid when the card service confirms the payment. saveCard "
            + "keeps the card for automatic charges. 400 (field payment) when the provider takes bank transfers only")
    @APIResponse(responseCode = "201", description = "Done", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApiViews.PaymentLinkView.class)))
    public Response paymentLink(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.PaymentLink.class))) byte[] body) {
        UUID invoice = Cursors.pathId(id, "invoice");
        ApiRequests.PaymentLink request = json.read(body, ApiRequests.PaymentLink.class, true);
        UUID tenant = caller.scopeTenant();
        String page = links.base() + "/invoices/" + invoice;
        return idempotency.run(tenant, key, "POST /invoices/" + invoice + "/payment-link", body, () -> {
            CardPayments.PaymentPage pay = cards.payInvoice(tenant, invoice, request != null
                    && Boolean.TRUE.equals(request.saveCard()), new CardPayments.Return(page + "?card=true", page));
            return Response.status(201).entity(new ApiViews.PaymentLinkView(pay.url().toString(),
                    ApiViews.Price.of(pay.amount()))).build();
        });
    }

    private InvoiceView find(String raw) {
        return invoices.get(caller.scopeTenant(), Cursors.pathId(raw, "invoice")).orElseThrow(() -> new NotFound("invoice"));
    }

    private static InvoiceQueries.Status status(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return InvoiceQueries.Status.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("status", "One of " + java.util.Arrays.toString(InvoiceQueries.Status.values())
                    + ".");
        }
    }
}
