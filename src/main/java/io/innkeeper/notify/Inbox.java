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
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.Audiences;

/**
 * A person's notifications in one account, as the portal shows them: how many are unread, a page of them newest
 * first (which reading marks read), all marked read at once, and one followed to what it is about. Every query takes
 * the account and the login; another person's notification is not found.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    /** The most notifications one page shows. */
    public static final int PAGE_SIZE = 20;

    /**
     * One notification in the list: a line about it (null when its topic cannot write one), where it leads (or
     * null), and whether it was new.
     */
    public record Entry(UUID id, Topic topic, String summary, String link, Instant createdAt, boolean unread) {
    }

    /** A page of the list (numbered from 1) and whether an older one follows. */
    public record Page(List<Entry> entries, int number, boolean hasNext) {

        public boolean hasPrevious() {
            return number > 1;
        }
    }

    private static final String COLUMNS = """
            select n.id, n.topic, n.tenant_id, n.about_tenant_id, n.login, n.event_id, n.created_at, n.read_at,
                   e.type, e.subject, e.data
            from notification n join account_outbox_event e on e.id = n.event_id
            """;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    Audiences audiences;

    @Inject
    Letters letters;

    /** How many of the person's notifications in the account are unread: one count on a partial index. */
    @Transactional
    public long unread(UUID tenantId, String login) {
        return ((Number) em.createNativeQuery("select count(*) from notification where tenant_id = :t and login = :l "
                + "and read_at is null").setParameter("t", tenantId).setParameter("l", login).getSingleResult())
                .longValue();
    }

    /** Page {@code number} of the list, newest first; the notifications it shows are read from now on. */
    @Transactional
    public Page open(UUID tenantId, String login, int number) {
        int page = Math.max(1, Math.min(number, 10_000));
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(COLUMNS + """
                where n.tenant_id = :t and n.login = :l order by n.seq desc limit :size offset :skip
                """, Tuple.class).setParameter("t", tenantId).setParameter("l", login)
                .setParameter("size", PAGE_SIZE + 1).setParameter("skip", (page - 1) * PAGE_SIZE).getResultList();
        boolean hasNext = rows.size() > PAGE_SIZE;
        Map<UUID, Optional<Audiences.Account>> accounts = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        List<UUID> unread = new ArrayList<>();
        for (Tuple row : rows.subList(0, Math.min(rows.size(), PAGE_SIZE))) {
            Optional<Notice> notice = notice(row);
            if (notice.isEmpty()) {
                continue;
            }
            Notice n = notice.get();
            boolean isNew = row.get("read_at") == null;
            if (isNew) {
                unread.add(n.id());
            }
            entries.add(new Entry(n.id(), n.topic(), summary(n, accounts), NoticeLinks.path(n), n.createdAt(),
                    isNew));
        }
        if (!unread.isEmpty()) {
            em.createNativeQuery("update notification set read_at = :now where id in (:ids) and read_at is null")
                    .setParameter("now", clock.instant()).setParameter("ids", unread).executeUpdate();
        }
        return new Page(entries, page, hasNext);
    }

    /** Marks all of the person's notifications in the account read; answers how many were unread. */
    @Transactional
    public int markAllRead(UUID tenantId, String login) {
        return em.createNativeQuery("update notification set read_at = :now where tenant_id = :t and login = :l "
                + "and read_at is null").setParameter("now", clock.instant()).setParameter("t", tenantId)
                .setParameter("l", login).executeUpdate();
    }

    /** Marks one notification read and answers where it leads (null: nowhere); NotFound unless it is the person's. */
    @Transactional
    public String follow(UUID tenantId, String login, UUID id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(COLUMNS + "where n.id = :id and n.tenant_id = :t and n.login = :l",
                Tuple.class).setParameter("id", id).setParameter("t", tenantId).setParameter("l", login)
                .getResultList();
        Notice n = rows.stream().findFirst().flatMap(this::notice).orElseThrow(() -> new NotFound("notification"));
        em.createNativeQuery("update notification set read_at = :now where id = :id and read_at is null")
                .setParameter("now", clock.instant()).setParameter("id", id).executeUpdate();
        return NoticeLinks.path(n);
    }

    private String summary(Notice n, Map<UUID, Optional<Audiences.Account>> accounts) {
        Optional<Audiences.Account> about = accounts.computeIfAbsent(n.aboutTenantId(), audiences::of);
        Optional<Audiences.Account> reader = accounts.computeIfAbsent(n.tenantId(), audiences::of);
        if (about.isEmpty() || reader.isEmpty()) {
            return null;
        }
        try {
            return letters.summary(n, about.get(), reader.get());
        } catch (RuntimeException e) {
            // A topic without its templates yet, or one whose object is gone: the list still shows the rest.
            LOG.debugf(e, "no summary for notification %s", n.id());
            return null;
        }
    }

    private Optional<Notice> notice(Tuple r) {
        return Topic.ofKey(r.get("topic", String.class)).map(topic -> new Notice(r.get("id", UUID.class), topic,
                r.get("tenant_id", UUID.class), r.get("about_tenant_id", UUID.class), r.get("login", String.class),
                r.get("event_id", UUID.class), r.get("type", String.class), r.get("subject", String.class),
                data(r.get("data", String.class)), r.get("created_at", Instant.class)));
    }

    private Map<String, Object> data(String raw) {
        try {
            return raw == null ? Map.of() : json.readValue(raw, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
