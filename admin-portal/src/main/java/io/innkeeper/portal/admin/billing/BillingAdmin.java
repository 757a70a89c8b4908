package io.innkeeper.portal.admin.billing;

import java.net.URI;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
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

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.audit.Audit;
import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceRun;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.RunResult;
import io.innkeeper.billing.ledger.EntryKind;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.tenancy.Caller;

/**
 * Billing for admins: trigger the invoice run and see what it did, the latest invoices, each billed tenant's
 * balance, and a form to record a payment or a credit.
 */
@Path(BillingAdmin.PATH)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class BillingAdmin {

    static final String PATH = "/admin/billing";

    /** What the admin typed into the payment form, shown again with the errors. */
    public record EntryForm(String tenant, String kind, String amount, String reference, String note) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(List<InvoiceRun.RunSummary> runs, RunResult lastRun,
                List<InvoiceView> invoices, List<Ledger.Balance> balances, String month, EntryForm entry,
                FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    InvoiceRun run;

    @Inject
    InvoiceQueries invoices;

    @Inject
    Ledger ledger;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance page() {
        return page(null, "", empty(), new FieldErrors());
    }

    @POST
    @Path("run")
    public Response runInvoices(@RestForm String month) {
        YearMonth period = null;
        String typed = month == null ? "" : month.strip();
        if (!typed.isEmpty()) {
            try {
                period = YearMonth.parse(typed);
            } catch (DateTimeParseException e) {
                return Response.status(422).entity(page(null, typed, empty(),
                        new FieldErrors().add("month", "Enter a month as YYYY-MM, or leave it empty for each "
                                + "tenant's last month."))).build();
            }
        }
        RunResult result = run.run(audit.by(caller.actor()), period, caller.login());
        return Response.ok(page(result, typed, empty(), new FieldErrors())).build();
    }

    @POST
    @Path("ledger")
    public Response record(@RestForm String tenant, @RestForm String kind, @RestForm String amount,
            @RestForm String reference, @RestForm String note) {
        EntryForm form = new EntryForm(tenant, kind, amount, reference, note);
        FieldErrors errors = new FieldErrors();
        UUID tenantId = null;
        EntryKind entryKind = null;
        try {
            tenantId = UUID.fromString(tenant == null ? "" : tenant.strip());
        } catch (IllegalArgumentException e) {
            errors.add("tenant", "Choose an account.");
        }
        try {
            entryKind = EntryKind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("kind", "Choose payment or credit.");
        }
        if (errors.isEmpty()) {
            try {
                ledger.record(audit.by(caller.actor()), tenantId, entryKind, amount, reference, note,
                        caller.login());
            } catch (InvalidInput e) {
                errors = e.errors();
            }
        }
        if (!errors.isEmpty()) {
            return Response.status(422).entity(page(null, "", form, errors)).build();
        }
        return Response.seeOther(URI.create(PATH)).build();
    }

    private TemplateInstance page(RunResult lastRun, String month, EntryForm entry, FieldErrors errors) {
        return Templates.page(run.recent(10), lastRun, invoices.latest(50), ledger.balances(), month, entry,
                errors);
    }

    private static EntryForm empty() {
        return new EntryForm("", "PAYMENT", "", "", "");
    }
}
