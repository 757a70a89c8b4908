package io.innkeeper.notify;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.kernel.PublicAddress;

/** A payment's mail links to the invoice it paid towards, or to the invoice list when it all became credit. */
@ApplicationScoped
public class PaymentReceivedContent implements NoticeContent {

    @Inject
    PublicAddress address;

    @Override
    public Topic topic() {
        return Topic.PAYMENT_RECEIVED;
    }

    @Override
    public Map<String, Object> values(Notice notice) {
        return Map.of("link", PanelLinks.invoice(address, notice.text("invoice")));
    }
}
