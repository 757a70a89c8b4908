package io.innkeeper.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.innkeeper.account.Outbox;
import io.innkeeper.tenancy.Audiences;
import io.innkeeper.tenancy.MemberRole;

/**
 * Turns each outbox event into notifications, in the event's own transaction, so a notification exists exactly when
 * its event does: one row per person the event concerns ({@link Recipients}), which is both the in-portal
 * notification and the mail the {@link NotificationSender} delivers.
 */
@ApplicationScoped
public class Notifications {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    Audiences audiences;

    void onRecorded(@Observes Outbox.Recorded event) {
        JsonNode data = parse(event.data());
        Optional<Topic> topic = Topic.of(event.type(), data);
        if (topic.isEmpty()) {
            return;
        }
        Optional<Audiences.Account> about = audiences.of(event.tenantId());
        if (about.isEmpty()) {
            return;
        }
        Optional<Audiences.Account> reseller = about.get().resellerId() == null ? Optional.empty()
                : audiences.of(about.get().resellerId());
        Map<String, Boolean> choices = choices(about.get(), reseller);
        List<Recipients.Recipient> recipients = Recipients.of(topic.get(), about.get(), reseller, choices,
                data.path("by").asText(""));
        Instant now = clock.instant();
        for (Recipients.Recipient r : recipients) {
            em.createNativeQuery("""
                    insert into notification (id, event_id, tenant_id, about_tenant_id, login, topic, created_at,
                                              mail_state, run_after)
                    values (:id, :event, :tenant, :about, :login, :topic, :now, :state, :now)
                    on conflict on constraint notification_once do nothing
                    """).setParameter("id", UUID.randomUUID()).setParameter("event", event.eventId())
                    .setParameter("tenant", r.tenantId()).setParameter("about", event.tenantId())
                    .setParameter("login", r.login()).setParameter("topic", topic.get().key())
                    .setParameter("now", now).setParameter("state", r.mail() ? "PENDING" : "SKIPPED")
                    .executeUpdate();
        }
    }

    /** The mail choices of everyone who might receive the event, by {@code login + "/" + topic}. */
    private Map<String, Boolean> choices(Audiences.Account about, Optional<Audiences.Account> reseller) {
        List<String> logins = new ArrayList<>();
        about.people().forEach(p -> logins.add(p.login()));
        reseller.ifPresent(r -> r.people().stream().filter(p -> p.role() == MemberRole.OWNER)
                .forEach(p -> logins.add(p.login())));
        Map<String, Boolean> choices = new HashMap<>();
        if (logins.isEmpty()) {
            return choices;
        }
        List<Object[]> rows = em.createNativeQuery("select login, topic, mail from notification_choice "
                + "where login in (:logins)", Object[].class).setParameter("logins", logins).getResultList();
        for (Object[] row : rows) {
            choices.put(row[0] + "/" + row[1], (Boolean) row[2]);
        }
        return choices;
    }

    private JsonNode parse(String data) {
        try {
            return json.readTree(data == null ? "{}" : data);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
