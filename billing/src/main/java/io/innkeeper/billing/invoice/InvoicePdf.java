package io.innkeeper.billing.invoice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import io.innkeeper.billing.tax.TaxTreatment;

/** An invoice as a PDF (OpenPDF): the same figures as the portal's HTML view; the portal and the API serve it. */
public final class InvoicePdf {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private InvoicePdf() {
    }

    public static byte[] render(InvoiceView invoice) {
        return render(invoice, null);
    }

    /** An invoice a reseller issued ({@code seller}; null for the platform's), headed with its logo and address. */
    public static byte[] render(InvoiceView invoice, InvoiceSeller seller) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 40, 40, 40, 40);
        PdfWriter.getInstance(document, out);
        document.addTitle("Invoice " + invoice.number());
        document.open();
        Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
        Font body = FontFactory.getFont(FontFactory.HELVETICA, 9);
        Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
        ZoneId zone = ZoneId.of(invoice.timeZone());
        if (seller != null) {
            if (seller.hasLogo()) {
                try {
                    Image logo = Image.getInstance(seller.logo());
                    logo.scaleToFit(160, 60);
                    document.add(logo);
                } catch (IOException | RuntimeException e) {
                    // Checked on upload (Logo); an image OpenPDF still cannot read leaves the invoice without it.
                }
            }
            document.add(new Paragraph(seller.name(), FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11)));
            for (String line : seller.addressLines()) {
                document.add(new Paragraph(line, body));
            }
            if (seller.vatId() != null) {
                document.add(new Paragraph("VAT id " + seller.vatId(), body));
            }
            document.add(new Paragraph(" ", body));
        }
        document.add(new Paragraph("Invoice " + invoice.number(), title));
        document.add(new Paragraph("Billed to: " + invoice.tenantName()
                + (invoice.customerVatId() == null ? "" : ", VAT id " + invoice.customerVatId()), body));
        document.add(new Paragraph("Period: " + invoice.period() + " (" + invoice.timeZone() + ", "
                + DAY.format(invoice.periodStart().atZone(zone)) + " to "
                + DAY.format(invoice.periodEnd().atZone(zone).minusDays(1)) + ")", body));
        document.add(new Paragraph("Issued: " + DAY.format(invoice.issuedAt().atZone(zone)) + "    Due: "
                + DAY.format(invoice.dueAt().atZone(zone)), body));
        document.add(new Paragraph("Payment reference (quote it on a bank transfer): "
                + invoice.printedPaymentReference(), body));
        document.add(new Paragraph(" ", body));
        PdfPTable table = new PdfPTable(new float[] { 6, 1.4f, 1.6f, 1.6f });
        table.setWidthPercentage(100);
        for (String head : new String[] { "Description", "Quantity", "Unit price", "Amount" }) {
            table.addCell(new PdfPCell(new Phrase(head, bold)));
        }
        for (InvoiceView.LineView line : invoice.lines()) {
            table.addCell(new PdfPCell(new Phrase(line.description(), body)));
            table.addCell(right(line.quantity().toPlainString() + " " + line.unit(), body));
            table.addCell(right(line.unitPrice().toString(), body));
            table.addCell(right(line.amount().toString(), body));
        }
        if (invoice.tax().treatment() != TaxTreatment.NONE) {
            PdfPCell netLabel = new PdfPCell(new Phrase("Net", body));
            netLabel.setColspan(3);
            table.addCell(netLabel);
            table.addCell(right(invoice.tax().net().toString(), body));
            PdfPCell taxLabel = new PdfPCell(new Phrase(invoice.tax().treatment().charged()
                    ? invoice.tax().label() + " (" + invoice.tax().country() + ")" : "VAT", body));
            taxLabel.setColspan(3);
            table.addCell(taxLabel);
            table.addCell(right(invoice.tax().tax().toString(), body));
        }
        PdfPCell totalLabel = new PdfPCell(new Phrase("Total", bold));
        totalLabel.setColspan(3);
        table.addCell(totalLabel);
        table.addCell(right(invoice.total().toString(), bold));
        document.add(table);
        if (!invoice.tax().note().isEmpty()) {
            document.add(new Paragraph(invoice.tax().note(), body));
        }
        document.add(new Paragraph(String.format("Outbound traffic: %,d bytes sent, pool %,d bytes.",
                invoice.txBytes(), invoice.poolBytes()), body));
        document.add(new Paragraph("Paid: " + invoice.paid() + "    Due: " + invoice.due(), body));
        document.close();
        return out.toByteArray();
    }

    private static PdfPCell right(String text, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        return cell;
    }
}
