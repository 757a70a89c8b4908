package io.innkeeper.portal.tenant.billing;

import java.net.URI;

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

import io.innkeeper.billing.card.CardPayments;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.kernel.PublicAddress;

/**
 * The account's payments page: the balance, topping up prepaid credit by card, the stored card and whether issued
 * invoices are charged to it. Through {@link CardPayments} only; without a card gateway the page says that payments
 * are by bank transfer.
 */
@Path(InvoiceLinks.PAYMENTS)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class PaymentPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance show(PaymentsView view);
    }

    /** The page as shown: the account's card side, the typed amount, what was wrong, and whether the caller may act. */
    public record PaymentsView(CardPayments.CardAccount account, String amount, FieldErrors errors, boolean back,
            boolean canChange) {

        public String amountLabel() {
            return "Amount in " + account.topUpMin().currency().getCurrencyCode() + ", from "
                    + account.topUpMin().amount().toPlainString() + " to " + account.topUpMax().amount().toPlainString();
        }
    }

    @Inject
    Caller caller;

    @Inject
    CardPayments cards;

    @Inject
    PublicAddress address;

    @GET
    public TemplateInstance show(@RestQuery boolean card) {
        return Templates.show(view("", new FieldErrors(), card));
    }

    @POST
    @Path("top-up")
    public Response topUp(@RestForm String amount, @RestForm boolean saveCard) {
        String base = address.base();
        try {
            return Response.seeOther(cards.topUp(caller.scopeTenant(), amount, saveCard, new CardPayments.Return(
                    base + InvoiceLinks.PAYMENTS + "?card=true", base + InvoiceLinks.PAYMENTS)).url()).build();
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.show(view(amount, e.errors(), false))).build();
        }
    }

    @POST
    @Path("auto-charge")
    public Response autoCharge(@RestForm boolean on) {
        try {
            cards.setAutoCharge(caller.scopeTenant(), on);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.show(view("", e.errors(), false))).build();
        }
        return Response.seeOther(URI.create(InvoiceLinks.PAYMENTS)).build();
    }

    @POST
    @Path("card/forget")
    public Response forgetCard() {
        cards.forgetCard(caller.scopeTenant());
        return Response.seeOther(URI.create(InvoiceLinks.PAYMENTS)).build();
    }

    private PaymentsView view(String amount, FieldErrors errors, boolean back) {
        String typed = amount == null ? "" : amount.length() > 20 ? amount.substring(0, 20) : amount;
        return new PaymentsView(cards.account(caller.scopeTenant()), typed, errors, back, caller.canChange());
    }
}
