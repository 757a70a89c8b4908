package io.innkeeper.notify;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A termination warning links to the unpaid invoice. */
@ApplicationScoped
public class TerminationWarningContent implements NoticeContent {

    @Inject
    NotificationConfig config;

    @Override
    public Topic topic() {
        return Topic.TERMINATION_WARNING;
    }

    @Override
    public Map<String, Object> values(Notice notice) {
        return Map.of("link", PanelLinks.invoice(config, notice.text("invoice")));
    }
}
