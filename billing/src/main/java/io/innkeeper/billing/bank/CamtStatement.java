package io.innkeeper.billing.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the panel reads from an ISO 20022 camt.053 bank statement (BankToCustomerStatement): per entry its bank
 * reference, amount, direction, status, booking date, debtor and remittance information.
 */
public record CamtStatement(String messageId, String statementId, String account, List<Entry> entries) {

    /**
     * One statement entry. {@code reference} is the bank's own reference for it (AcctSvcrRef, else NtryRef);
     * {@code creditorReferences} are the structured references (RmtInf/Strd/CdtrRefInf/Ref), {@code unstructured}
     * the free remittance lines (RmtInf/Ustrd) joined.
     */
    public record Entry(int position, String reference, BigDecimal amount, String currency, boolean credit,
            boolean reversal, String status, LocalDate bookedOn, String debtor, String unstructured,
            List<String> creditorReferences) {

        /** A booked credit that is not the reversal of a debit: money received. */
        public boolean isReceived() {
            return credit && !reversal && "BOOK".equals(status);
        }
    }
}
