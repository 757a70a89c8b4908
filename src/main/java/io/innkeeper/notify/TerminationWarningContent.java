package io.innkeeper.notify;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.kernel.PublicAddress;

/** A termination warning links to the unpaid invoice. */
@ApplicationScoped
public class TerminationWarningContent implements NoticeContent {

    @Inject
    PublicAddress address;

    @Override
    public Topic topic() {
        return Topic.TERMINATION_WARNING;
    }

    @Override
    public Map<String, Object> values(Notice notice) {
        return Map.of("link", PanelLinks.invoice(address, notice.text("invoice")));
    }
}
