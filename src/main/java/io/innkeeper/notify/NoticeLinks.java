package io.innkeeper.notify;

import java.util.UUID;

/** Where a notification leads in the tenant portal: the invoice or server it is about, if any. */
public final class NoticeLinks {

    private NoticeLinks() {
    }

    /** The portal path of the object the notice is about, or null when it names none. */
    public static String path(Notice notice) {
        if (notice.type() != null && notice.type().startsWith("invoice.") && notice.subjectId() != null) {
            return "/invoices/" + notice.subjectId();
        }
        try {
            return notice.data().get("server") == null ? null
                    : "/servers/" + UUID.fromString(notice.text("server"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
