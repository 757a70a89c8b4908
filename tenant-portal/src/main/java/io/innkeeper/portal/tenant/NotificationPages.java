package io.innkeeper.portal.tenant;

import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.notify.Choices;
import io.innkeeper.notify.Inbox;
import io.innkeeper.notify.Topic;
import io.innkeeper.tenancy.AccountLanguage;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.ReadOnlyGuard.ChangesNoAccount;

/**
 * The signed-in person's notifications in the account they act for: the list (reading a page marks it read), mark
 * all read, one followed to its server or invoice, the badge's count, and the settings: which topics come by mail,
 * and for owners the account's language, which mails follow.
 */
@Path(Links.NOTIFICATIONS)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class NotificationPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ListView page);

        static native TemplateInstance unread();

        static native TemplateInstance settings(SettingsView view);
    }

    /** A page of the list: a line per notification, newest first, and the pages either side. */
    public record ListView(List<Line> entries, int number, boolean hasPrevious, boolean hasNext) {

        static ListView of(Inbox.Page page) {
            return new ListView(page.entries().stream().map(Line::of).toList(), page.number(), page.hasPrevious(),
                    page.hasNext());
        }
    }

    /** One notification's line: its topic's summary, or the topic's name when it has none. */
    public record Line(UUID id, String summary, String link, Instant createdAt, boolean unread) {

        static Line of(Inbox.Entry e) {
            return new Line(e.id(), e.summary() != null ? e.summary() : TopicLabels.label(e.topic()), e.link(),
                    e.createdAt(), e.unread());
        }
    }

    /** The settings page: a row per topic, and the language form for an owner. */
    public record SettingsView(List<ChoiceRow> choices, boolean canChooseLanguage, String language,
            List<LanguageOption> languages, boolean saved, FieldErrors errors) {
    }

    /** One topic's row: its name, whether it is mailed, and why it cannot be switched off when it cannot. */
    public record ChoiceRow(String key, String label, boolean mail, boolean locked, String lockedWhy) {

        static ChoiceRow of(Choices.Choice c) {
            return new ChoiceRow(c.topic().key(), TopicLabels.label(c.topic()), c.mail(), c.locked(),
                    c.locked() ? TopicLabels.LOCKED_WHY : null);
        }
    }

    /** A language the account can choose, and whether it is the one chosen. */
    public record LanguageOption(String code, String name, boolean selected) {
    }

    @Inject
    Caller caller;

    @Inject
    Inbox inbox;

    @Inject
    Choices choices;

    @Inject
    AccountLanguage languages;

    @GET
    public TemplateInstance list(@RestQuery Integer page) {
        return Templates.list(ListView.of(inbox.open(caller.scopeTenant(), caller.login(), page == null ? 1 : page)));
    }

    /** The badge alone, for the navigation to ask for every few seconds. */
    @GET
    @Path("unread")
    public TemplateInstance unread() {
        return Templates.unread();
    }

    @POST
    @Path("read-all")
    @ChangesNoAccount
    public Response readAll() {
        inbox.markAllRead(caller.scopeTenant(), caller.login());
        return Response.seeOther(URI.create(Links.NOTIFICATIONS)).build();
    }

    /** Marks the notification read and goes where it leads: its server or invoice, else back to the list. */
    @GET
    @Path("{id}")
    public Response follow(@RestPath UUID id) {
        String link = inbox.follow(caller.scopeTenant(), caller.login(), id);
        return Response.seeOther(URI.create(link == null ? Links.NOTIFICATIONS : link)).build();
    }

    @GET
    @Path("settings")
    public TemplateInstance settings(@RestQuery boolean saved) {
        return settingsView(choices.of(caller.login(), caller.role()), saved, new FieldErrors());
    }

    /** Mail on for the topics ticked, off for the rest; locked topics stay on whatever the form says. */
    @POST
    @Path("settings")
    @ChangesNoAccount
    public Response choose(@RestForm("mail") List<String> mail) {
        Set<Topic> on = new HashSet<>();
        for (String key : mail == null ? List.<String>of() : mail) {
            Topic.ofKey(key).ifPresent(on::add);
        }
        choices.set(caller.actor(), caller.login(), caller.role(), on);
        return Response.seeOther(URI.create(Links.notificationSettings() + "?saved=true")).build();
    }

    @POST
    @Path("language")
    public Response language(@RestForm String language) {
        try {
            languages.set(caller.actor(), caller.scopeTenant(), caller.role(), language);
        } catch (InvalidInput e) {
            return Response.status(422).entity(settingsView(choices.of(caller.login(), caller.role()), false,
                    e.errors())).build();
        }
        return Response.seeOther(URI.create(Links.notificationSettings() + "?saved=true")).build();
    }

    private TemplateInstance settingsView(List<Choices.Choice> list, boolean saved, FieldErrors errors) {
        String current = languages.of(caller.scopeTenant());
        List<LanguageOption> options = AccountLanguage.CODES.stream()
                .map(c -> new LanguageOption(c, AccountLanguage.LANGUAGES.get(c), c.equals(current))).toList();
        return Templates.settings(new SettingsView(list.stream().map(ChoiceRow::of).toList(), caller.isOwner(),
                current, options, saved, errors));
    }
}
