package io.innkeeper.portal.tenant.billing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.audit.Audit;
import io.innkeeper.billing.reseller.Logo;
import io.innkeeper.billing.reseller.ResellerInvoicing;
import io.innkeeper.billing.reseller.ResellerInvoicing.PriceForm;
import io.innkeeper.billing.reseller.ResellerInvoicing.SellerForm;
import io.innkeeper.billing.reseller.ResellerInvoicing.Settings;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.Caller;

/**
 * A reseller invoices its customers through the panel: who it is on their invoices (name, address, logo, number
 * prefix, on or off), and its price list per plan. Each form answers its bad fields inline with nothing stored.
 * Only a reseller has these pages; anyone else gets 404.
 */
@Path(InvoiceLinks.RESELLER_BILLING)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class ResellerBillingPages {

    /** One plan's row of the price form, as stored or as typed. */
    public record PriceRow(ResellerInvoicing.PlanRow plan, String hourly, String cap) {

        /** The name the use case gives a refused hourly price, for its inline message. */
        public String hourlyField() {
            return ResellerInvoicing.hourlyField(plan.code());
        }

        public String capField() {
            return ResellerInvoicing.capField(plan.code());
        }
    }

    /** The page: the settings, the forms as typed where one was refused, and what was wrong. */
    public record PageView(Settings settings, SellerForm seller, List<PriceRow> prices, boolean canChange,
            String saved, FieldErrors errors, int logoMaxKb, int nameMax, int addressMax) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(PageView view);
    }

    @Inject
    Caller caller;

    @Inject
    ResellerInvoicing invoicing;

    @Inject
    Audit audit;

    @GET
    public TemplateInstance edit(@RestQuery String saved) {
        Settings s = invoicing.settings(reseller());
        return page(s, null, null, saved, new FieldErrors());
    }

    @POST
    @Path("seller")
    public Response seller(@RestForm boolean active, @RestForm String sellerName, @RestForm String sellerAddress,
            @RestForm String numberPrefix, @RestForm String trafficPerGb, @RestForm String snapshotPerGbMonth) {
        UUID reseller = reseller();
        SellerForm form = new SellerForm(active, sellerName, sellerAddress, numberPrefix, trafficPerGb,
                snapshotPerGbMonth);
        try {
            invoicing.saveSeller(audit.by(caller.actor()), reseller, form);
        } catch (InvalidInput e) {
            return Response.status(422).entity(page(invoicing.settings(reseller), form, null, null, e.errors()))
                    .build();
        }
        return saved("seller");
    }

    /** The price list as posted: one {@code code}, {@code hourly} and {@code cap} per plan row, in order. */
    @POST
    @Path("prices")
    public Response prices(@RestForm List<String> code, @RestForm List<String> hourly, @RestForm List<String> cap) {
        UUID reseller = reseller();
        Map<String, PriceForm> typed = new LinkedHashMap<>();
        FieldErrors shape = new FieldErrors();
        if (code.size() != hourly.size() || code.size() != cap.size() || code.size() > 500) {
            shape.add("plan", "The price list came incomplete; reload the page and try again.");
        } else {
            for (int i = 0; i < code.size(); i++) {
                typed.put(code.get(i), new PriceForm(hourly.get(i), cap.get(i)));
            }
        }
        try {
            shape.throwIfAny();
            invoicing.savePrices(audit.by(caller.actor()), reseller, typed);
        } catch (InvalidInput e) {
            return Response.status(422).entity(page(invoicing.settings(reseller), null, typed, null, e.errors()))
                    .build();
        }
        return saved("prices");
    }

    @POST
    @Path("logo")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response logo(@RestForm("logo") FileUpload logo) {
        UUID reseller = reseller();
        try {
            if (logo != null && logo.size() > Logo.MAX_BYTES) {
                throw InvalidInput.of("logo", "The logo is larger than " + Logo.MAX_BYTES / 1024 + " KB.");
            }
            byte[] bytes = logo == null || logo.uploadedFile() == null ? null : read(logo);
            invoicing.setLogo(audit.by(caller.actor()), reseller, bytes);
        } catch (InvalidInput e) {
            return Response.status(422).entity(page(invoicing.settings(reseller), null, null, null, e.errors()))
                    .build();
        }
        return saved("logo");
    }

    @POST
    @Path("logo/remove")
    public Response removeLogo() {
        invoicing.removeLogo(audit.by(caller.actor()), reseller());
        return saved("logo");
    }

    private static byte[] read(FileUpload upload) {
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response saved(String what) {
        return Response.seeOther(URI.create(InvoiceLinks.RESELLER_BILLING + "?saved=" + what)).build();
    }

    private TemplateInstance page(Settings s, SellerForm seller, Map<String, PriceForm> typed, String saved,
            FieldErrors errors) {
        SellerForm shown = seller != null ? seller
                : new SellerForm(s.active(), s.sellerName(), s.sellerAddress(), s.numberPrefix(),
                        s.trafficPerGb().toPlainString(), s.snapshotPerGbMonth().toPlainString());
        List<PriceRow> rows = new ArrayList<>();
        for (ResellerInvoicing.PlanRow p : s.plans()) {
            PriceForm t = typed == null ? null : typed.get(p.code());
            rows.add(t != null ? new PriceRow(p, t.hourly() == null ? "" : t.hourly(),
                    t.monthlyCap() == null ? "" : t.monthlyCap())
                    : new PriceRow(p, p.hourly() == null ? "" : p.hourly().amount().toPlainString(),
                            p.monthlyCap() == null ? "" : p.monthlyCap().amount().toPlainString()));
        }
        String note = saved == null ? "" : switch (saved) {
            case "seller", "prices", "logo" -> saved;
            default -> "";
        };
        return Templates.edit(new PageView(s, shown, rows, caller.canChange(), note, errors, Logo.MAX_BYTES / 1024,
                ResellerInvoicing.NAME_MAX, ResellerInvoicing.ADDRESS_MAX));
    }

    /** The signed-in reseller; 404 for anyone else. */
    private UUID reseller() {
        if (!caller.isReseller()) {
            throw new NotFound("page");
        }
        return caller.scopeTenant();
    }
}
