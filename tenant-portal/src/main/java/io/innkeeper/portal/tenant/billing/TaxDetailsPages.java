package io.innkeeper.portal.tenant.billing;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;

import io.innkeeper.billing.tax.VatId;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.tenancy.AccountDetails;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.TaxDetails;

/**
 * The account's details for VAT (country, business, VAT id): every member reads them, owners change them through
 * {@link TaxDetails}. The next invoice uses them; issued invoices keep theirs.
 */
@Path(InvoiceLinks.TAX_DETAILS)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class TaxDetailsPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(DetailsView view);
    }

    /** The form as shown: the stored or typed values, whether the caller may change them, and what was wrong. */
    public record DetailsView(String country, boolean business, String vatId, boolean canEdit, boolean saved,
            List<AccountDetails.Country> countries, FieldErrors errors, int vatIdMax) {
    }

    @Inject
    Caller caller;

    @Inject
    TaxDetails details;

    @GET
    public TemplateInstance edit(@RestQuery boolean saved) {
        TaxDetails.Details d = details.get(caller.scopeTenant());
        return Templates.edit(view(d.country(), d.business(), d.vatId(), saved, new FieldErrors()));
    }

    @POST
    public Response save(@RestForm String country, @RestForm boolean business, @RestForm String vatId) {
        if (!caller.isOwner()) {
            throw new ForbiddenException("Only an owner of the account changes its billing details.");
        }
        try {
            details.set(caller.actor(), caller.scopeTenant(), new TaxDetails.Form(country, business, vatId));
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.edit(view(country, business, vatId, false, e.errors())))
                    .build();
        }
        return Response.seeOther(URI.create(InvoiceLinks.TAX_DETAILS + "?saved=true")).build();
    }

    private DetailsView view(String country, boolean business, String vatId, boolean saved, FieldErrors errors) {
        return new DetailsView(country == null ? "" : country, business, vatId == null ? "" : vatId,
                caller.isOwner(), saved, AccountDetails.countries(), errors, VatId.MAX_LENGTH);
    }
}
