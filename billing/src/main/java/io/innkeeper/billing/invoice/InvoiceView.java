package io.innkeeper.billing.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.innkeeper.billing.tax.TaxLine;
import io.innkeeper.kernel.Money;

/**
 * An invoice as customers and admins see it. {@code total} is what the customer owes: {@code tax}'s net plus its
 * VAT; {@code customerVatId} is the customer's VAT id when the invoice was issued (a reverse-charge invoice must
 * name it).
 */
public record InvoiceView(UUID id, UUID tenantId, String tenantName, String number, String period,
        Instant periodStart, Instant periodEnd, String timeZone, Money total, Money paid, long txBytes, long poolBytes,
        Instant issuedAt, Instant dueAt, Instant paidAt, List<LineView> lines, TaxLine tax, String customerVatId) {

    /** One stored line; {@code usage} is set when the line bills one server's hours. */
    public record LineView(int position, String kind, String description, UUID serverId, BigDecimal quantity,
            String unit, Money unitPrice, Money amount, Instant usageFrom, Instant usageTo) {
    }

    public boolean isPaid() {
        return paid.amount().compareTo(total.amount()) >= 0;
    }

    /** The ISO 11649 creditor reference a bank transfer for this invoice quotes, in electronic form. */
    public String paymentReference() {
        return PaymentReference.forInvoice(number);
    }

    /** {@link #paymentReference()} printed in groups of four, as on the page, the PDF and the mail. */
    public String printedPaymentReference() {
        return PaymentReference.printed(paymentReference());
    }

    public Money due() {
        return new Money(total.amount().subtract(paid.amount()), total.currency());
    }
}
