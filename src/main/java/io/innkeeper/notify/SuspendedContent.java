package io.innkeeper.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.billing.ledger.Overdue;
import io.innkeeper.kernel.PublicAddress;

/**
 * A suspension's mail says why. For non-payment it also names what is overdue, where to pay and when the account
 * will be terminated; for a provider's suspension it gives the provider's reason.
 */
@ApplicationScoped
public class SuspendedContent implements NoticeContent {

    @Inject
    Overdue overdue;

    @Inject
    PublicAddress address;

    @Override
    public Topic topic() {
        return Topic.SUSPENDED;
    }

    @Override
    public Map<String, Object> values(Notice notice) {
        Map<String, Object> values = new LinkedHashMap<>();
        Object after = notice.data().get("after");
        Map<?, ?> state = after instanceof Map<?, ?> m ? m : Map.of();
        boolean nonPayment = "NON_PAYMENT".equals(state.get("suspensionKind"));
        Object reason = state.get("suspensionReason");
        values.put("reason", reason == null ? "" : String.valueOf(reason));
        values.put("link", PanelLinks.invoices(address));
        Optional<Overdue.Standing> standing = nonPayment ? overdue.of(notice.aboutTenantId()) : Optional.empty();
        values.put("nonPayment", standing.isPresent());
        standing.ifPresent(s -> {
            values.put("amount", s.amount());
            values.put("terminateAt", s.terminateAt());
        });
        return values;
    }
}
