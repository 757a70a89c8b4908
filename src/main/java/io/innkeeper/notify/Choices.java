package io.innkeeper.notify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.tenancy.MemberRole;

/**
 * A person's mail choices, one per topic: read as they apply in a role, set from the settings page, and one topic
 * switched off by an unsubscribe link. What a choice means is {@link Recipients}' rule; a locked topic (an owner's
 * billing and security mail) keeps its mail whatever is asked. Each change is audited as the person's own.
 */
@ApplicationScoped
public class Choices {

    /** One topic as the settings page shows it: whether it is mailed, and whether the person can change that. */
    public record Choice(Topic topic, boolean mail, boolean locked) {
    }

    @Inject
    EntityManager em;

    @Inject
    Audit audit;

    @Inject
    NotificationConfig config;

    /** Every topic, in order, with whether {@code login} in {@code role} gets its mail. */
    @Transactional
    public List<Choice> of(String login, MemberRole role) {
        Map<Topic, Boolean> made = made(login);
        List<Choice> out = new ArrayList<>();
        for (Topic t : Topic.values()) {
            out.add(new Choice(t, Recipients.mails(t, role, made.get(t)), Recipients.locked(t, role)));
        }
        return out;
    }

    /**
     * Sets mail on for the topics in {@code on} and off for the rest, except locked ones, which stay on. Answers the
     * choices as they now apply.
     */
    @Transactional
    public List<Choice> set(Actor actor, String login, MemberRole role, Set<Topic> on) {
        Map<Topic, Boolean> before = made(login);
        Map<String, Boolean> changed = new LinkedHashMap<>();
        for (Topic t : Topic.values()) {
            if (Recipients.locked(t, role)) {
                continue;
            }
            boolean mail = on.contains(t);
            if (Recipients.mails(t, role, before.get(t)) != mail) {
                changed.put(t.key(), mail);
                save(login, t, mail);
            }
        }
        if (!changed.isEmpty()) {
            audit.changed(actor, new Audit.Entry("notification.choices", "person", login, actor.tenantId(), null,
                    null, changed));
        }
        return of(login, role);
    }

    /** What an unsubscribe token stands for, or empty for a bad or forged one. */
    public Optional<UnsubscribeTokens.Subject> read(String token) {
        return UnsubscribeTokens.read(config.unsubscribeKey(), token);
    }

    /** Switches off the mail a valid unsubscribe token names; empty (and nothing changed) for a bad one. */
    @Transactional
    public Optional<UnsubscribeTokens.Subject> unsubscribe(Actor from, String token) {
        Optional<UnsubscribeTokens.Subject> subject = read(token);
        subject.ifPresent(s -> {
            if (!Boolean.FALSE.equals(made(s.login()).get(s.topic()))) {
                save(s.login(), s.topic(), false);
                audit.changed(new Actor(s.login(), null, from.sourceIp(), from.requestId()), new Audit.Entry(
                        "notification.unsubscribe", "person", s.login(), null, null, null,
                        Map.of(s.topic().key(), false)));
            }
        });
        return subject;
    }

    private void save(String login, Topic topic, boolean mail) {
        em.createNativeQuery("""
                insert into notification_choice (login, topic, mail) values (:l, :t, :m)
                on conflict (login, topic) do update set mail = excluded.mail
                """).setParameter("l", login).setParameter("t", topic.key()).setParameter("m", mail).executeUpdate();
    }

    private Map<Topic, Boolean> made(String login) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select topic, mail from notification_choice where login = :l",
                Tuple.class).setParameter("l", login).getResultList();
        Map<Topic, Boolean> out = new HashMap<>();
        rows.forEach(r -> Topic.ofKey(r.get("topic", String.class)).ifPresent(t -> out.put(t, r.get("mail",
                Boolean.class))));
        return out;
    }
}
