package io.innkeeper.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.kernel.Text;
import io.innkeeper.mail.Mail;
import io.innkeeper.tenancy.Audiences;
import io.innkeeper.kernel.PublicAddress;

/**
 * Writes a notification's mail: subject, plain text and HTML from the topic's Qute templates
 * ({@code templates/notifications/<topic>.txt} and {@code .html}, or the provider's files of the same names in
 * {@code innkeeper.notifications.template-dir}), in the recipient account's language and time zone, with what the
 * topic's {@link NoticeContent} adds.
 */
@ApplicationScoped
public class Letters {

    /** A written mail, before it has an address. */
    public record Written(String subject, String text, String html, List<Mail.Attachment> attachments,
            String unsubscribe) {
    }

    /** The links every mail carries. */
    public record MailLinks(String panel, String notifications, String preferences, String unsubscribe) {
    }

    @Inject
    Engine engine;

    @Inject
    NotificationConfig config;

    @Inject
    PublicAddress address;

    @Inject
    @Any
    Instance<NoticeContent> contents;

    /** Writes {@code notice} for a reader of {@code reader}, the account whose portal shows it. */
    public Written write(Notice notice, Audiences.Account about, Audiences.Account reader) {
        List<Mail.Attachment> attachments = new ArrayList<>();
        String unsubscribe = notice.topic().mandatory() ? null
                : base() + "/unsubscribe/" + UnsubscribeTokens.token(config.unsubscribeKey(), notice.login(),
                        notice.topic());
        Reading r = reading(notice, about, reader, unsubscribe, attachments);
        Template text = template(notice.topic(), "txt");
        String subject = oneLine(r.fill(text.getFragment("subject")).render());
        return new Written(Text.clip(subject, Mail.MAX_SUBJECT), r.fill(text).render(),
                r.fill(template(notice.topic(), "html")).render(), attachments, unsubscribe);
    }

    /**
     * The notification in one line for the portal's list, in the reader's language: the topic's {@code summary}
     * fragment, or its subject when the topic has none.
     */
    public String summary(Notice notice, Audiences.Account about, Audiences.Account reader) {
        Reading r = reading(notice, about, reader, null, null);
        Template text = template(notice.topic(), "txt");
        Template fragment = text.getFragment("summary") != null ? text.getFragment("summary")
                : text.getFragment("subject");
        return Text.clip(oneLine(r.fill(fragment).render()), Mail.MAX_SUBJECT);
    }

    /** What every template of one notice is filled with, for one reader. */
    private record Reading(Notice notice, String account, LocalFormats fmt, MailLinks links,
            Map<String, Object> values) {

        TemplateInstance fill(Template template) {
            return template.instance().data("n", values).data("notice", notice).data("account", account)
                    .data("fmt", fmt).data("links", links).data("mandatory", notice.topic().mandatory())
                    .setLocale(fmt.locale());
        }
    }

    /** The reader's formats, the links, the event's data with the topic's values; attachments go to {@code files}. */
    private Reading reading(Notice notice, Audiences.Account about, Audiences.Account reader, String unsubscribe,
            List<Mail.Attachment> files) {
        Locale locale = Locale.forLanguageTag(reader.language() == null ? "en" : reader.language());
        Map<String, Object> values = new LinkedHashMap<>(notice.data());
        for (NoticeContent content : contents) {
            if (content.topic() == notice.topic()) {
                values.putAll(content.values(notice));
                if (files != null) {
                    files.addAll(content.attachments(notice));
                }
            }
        }
        String base = base();
        return new Reading(notice, about.name(), new LocalFormats(locale, zone(reader.timeZone())),
                new MailLinks(base + "/", base + "/notifications", base + "/notifications/settings", unsubscribe),
                values);
    }

    private String base() {
        return address.base();
    }

    private static String oneLine(String rendered) {
        return rendered.strip().replaceAll("\\s+", " ");
    }

    private Template template(Topic topic, String kind) {
        String file = topic.key() + "." + kind;
        Optional<Path> override = config.templateDir().map(dir -> Path.of(dir, file)).filter(Files::isRegularFile);
        if (override.isPresent()) {
            try {
                return engine.parse(Files.readString(override.get()),
                        io.quarkus.qute.Variant.forContentType(kind.equals("html") ? "text/html" : "text/plain"),
                        "override/" + file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the template " + override.get(), e);
            }
        }
        Template template = engine.getTemplate("notifications/" + file);
        if (template == null) {
            throw new IllegalStateException("no template notifications/" + file);
        }
        return template;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id == null ? "UTC" : id);
        } catch (java.time.DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
