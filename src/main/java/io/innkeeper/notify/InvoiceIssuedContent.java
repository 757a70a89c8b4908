package io.innkeeper.notify;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.billing.invoice.InvoicePdf;
import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.PaymentReference;
import io.innkeeper.mail.Mail;
import io.innkeeper.kernel.PublicAddress;

/** An issued invoice's mail links to the invoice and carries its PDF, the same one the portal serves. */
@ApplicationScoped
public class InvoiceIssuedContent implements NoticeContent {

    @Inject
    InvoiceQueries invoices;

    @Inject
    PublicAddress address;

    @Override
    public Topic topic() {
        return Topic.INVOICE_ISSUED;
    }

    @Override
    public Map<String, Object> values(Notice notice) {
        Object number = notice.data().get("number");
        return number instanceof String n && !n.isBlank()
                ? Map.of("link", PanelLinks.invoice(address, notice.subjectId()), "reference",
                        PaymentReference.printed(PaymentReference.forInvoice(n)))
                : Map.of("link", PanelLinks.invoice(address, notice.subjectId()));
    }

    @Override
    public List<Mail.Attachment> attachments(Notice notice) {
        Optional<InvoiceView> invoice = notice.subjectId() == null ? Optional.empty()
                : invoices.get(notice.aboutTenantId(), notice.subjectId());
        return invoice.map(i -> List.of(new Mail.Attachment(i.number() + ".pdf", "application/pdf",
                InvoicePdf.render(i)))).orElse(List.of());
    }
}
