package io.innkeeper.notify;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.billing.ledger.DunningPolicy;
import io.innkeeper.billing.ledger.DunningStep;
import io.innkeeper.kernel.PublicAddress;

/**
 * A reminder names when the account will be suspended if the invoice stays unpaid: its due date plus the suspension
 * delay in force (the same rule the dunning run follows).
 */
@ApplicationScoped
public class DunningReminderContent implements NoticeContent {

    @Inject
    DunningPolicy policy;

    @Inject
    PublicAddress address;

    @Override
    public Topic topic() {
        return Topic.DUNNING_REMINDER;
    }

    @Override
    public Map<String, Object> values(Notice notice) {
        Instant due = Instant.parse(notice.text("dueAt"));
        return Map.of("suspendAt", policy.current().at(DunningStep.SUSPENSION, due),
                "link", PanelLinks.invoice(address, notice.subjectId()));
    }
}
