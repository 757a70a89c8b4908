package io.innkeeper.notify;

import java.util.List;
import java.util.Map;

import io.innkeeper.mail.Mail;

/**
 * What a topic's mail says beyond the event's own data: a CDI bean per topic that looks up, through the owning
 * module's query use cases, what the templates need (a server's hostname and addresses, an invoice's PDF). Called
 * when the mail is written, in a transaction, never when the event is recorded. A topic with no bean is written from
 * the event's data alone.
 */
public interface NoticeContent {

    Topic topic();

    /** Values the templates read as {@code n.<name>}, next to the event's data (these win on a clash). */
    Map<String, Object> values(Notice notice);

    /** Files to attach to the mail (an invoice's PDF). */
    default List<Mail.Attachment> attachments(Notice notice) {
        return List.of();
    }
}
