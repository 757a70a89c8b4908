package io.innkeeper.account;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.innkeeper.billing.invoice.InvoiceChanged;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.provisioning.job.JobState;

/**
 * The public event types the outbox records, named once: {@link Outbox#record} refuses any other, and a webhook
 * endpoint's filter is checked against them. A filter entry is a type ({@code server.created}) or a group
 * ({@code server.*}); an endpoint without a filter gets every event.
 */
public final class EventTypes {

    public static final String PING = "ping";
    public static final String SERVER_STATUS_CHANGED = "server.status_changed";
    public static final String QUOTA_THRESHOLD = "account.quota_threshold";
    public static final String TRAFFIC_THRESHOLD = "account.traffic_threshold";
    public static final String PAYMENT_RECEIVED = "invoice.payment_received";
    public static final String TERMINATION_WARNING = "account.termination_warning";
    public static final String BACKUP_COMPLETED = "backup.completed";
    public static final String BACKUP_FAILED = "backup.failed";

    /** The most entries a filter takes. */
    public static final int MAX_FILTER = 50;

    /** Every type, sorted. */
    public static final Set<String> ALL = all();

    private EventTypes() {
    }

    /** The event of a job that finished in this state. */
    public static String job(JobState state) {
        return "job." + state.name().toLowerCase(Locale.ROOT);
    }

    /** The event of an invoice change of this kind. */
    public static String invoice(InvoiceChanged.Kind kind) {
        return "invoice." + kind.name().toLowerCase(Locale.ROOT);
    }

    private static Set<String> all() {
        Set<String> types = new TreeSet<>(OutboxFeed.AUDITED.values());
        Arrays.stream(JobState.values()).filter(JobState::finished).map(EventTypes::job).forEach(types::add);
        Arrays.stream(InvoiceChanged.Kind.values()).map(EventTypes::invoice).forEach(types::add);
        types.addAll(List.of(PING, SERVER_STATUS_CHANGED, QUOTA_THRESHOLD, TRAFFIC_THRESHOLD, PAYMENT_RECEIVED,
                TERMINATION_WARNING, BACKUP_COMPLETED, BACKUP_FAILED));
        return Set.copyOf(types);
    }

    /** The groups a filter may name with {@code .*}: each type's part before its first dot. */
    static Set<String> groups() {
        return ALL.stream().filter(t -> t.contains(".")).map(t -> t.substring(0, t.indexOf('.')))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * A filter as given, checked and normalised (stripped, deduplicated, in the order given), or null for "every
     * event" when none is given. Adds a {@code field} error naming the first entry that is no type or group.
     */
    public static List<String> filter(Collection<String> given, String field, FieldErrors errors) {
        if (given == null) {
            return null;
        }
        if (given.isEmpty() || given.size() > MAX_FILTER) {
            errors.add(field, "Give 1 to " + MAX_FILTER + " event types, or leave the field out for every event.");
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String raw : given) {
            String entry = raw == null ? "" : raw.strip();
            boolean group = entry.endsWith(".*") && groups().contains(entry.substring(0, entry.length() - 2));
            if (!group && !ALL.contains(entry)) {
                errors.add(field, "'" + (entry.length() > 60 ? entry.substring(0, 60) + "…" : entry)
                        + "' is no event type; known are " + String.join(", ", new TreeSet<>(ALL))
                        + ", or a group such as server.*.");
                return null;
            }
            out.add(entry);
        }
        return List.copyOf(out);
    }

    /** Whether an endpoint with this filter (null for every event) gets events of this type. */
    public static boolean wanted(List<String> filter, String type) {
        if (filter == null || PING.equals(type)) {
            return true;
        }
        return filter.stream().anyMatch(f -> f.equals(type)
                || f.endsWith(".*") && type.startsWith(f.substring(0, f.length() - 1)));
    }

    /** A filter as stored: comma separated, null for every event. */
    static String stored(List<String> filter) {
        return filter == null ? null : String.join(",", filter);
    }

    static List<String> read(String stored) {
        return stored == null ? null : Stream.of(stored.split(",")).toList();
    }
}
