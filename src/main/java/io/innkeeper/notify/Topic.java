package io.innkeeper.notify;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The kinds of notification a person can receive, each made from one kind of outbox event. Billing and security
 * notifications are mandatory: a person cannot switch their mail off. The rest are on by default for owners, and
 * other members receive them only when they opt in.
 */
public enum Topic {
    SERVER_READY(Category.SERVERS),
    SERVER_FAILED(Category.SERVERS),
    JOB_FAILED(Category.SERVERS),
    SERVER_CHANGED(Category.SERVERS),
    INVOICE_ISSUED(Category.BILLING),
    PAYMENT_RECEIVED(Category.BILLING),
    DUNNING_REMINDER(Category.BILLING),
    SUSPENDED(Category.BILLING),
    TERMINATION_WARNING(Category.BILLING),
    UNSUSPENDED(Category.BILLING),
    QUOTA_THRESHOLD(Category.USAGE),
    TRAFFIC_THRESHOLD(Category.USAGE),
    TOKEN_CREATED(Category.SECURITY),
    TWO_FACTOR_CHANGED(Category.SECURITY),
    NEW_SIGN_IN(Category.SECURITY);

    /** What a topic is about; decides whether mail can be switched off and who else may receive a copy. */
    public enum Category {
        SERVERS,
        USAGE,
        BILLING,
        SECURITY;

        public boolean mandatory() {
            return this == BILLING || this == SECURITY;
        }
    }

    private final Category category;

    Topic(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    /** Whether a person's choice cannot switch the mail off. */
    public boolean mandatory() {
        return category.mandatory();
    }

    /** Whether the topic is about one person's own login (a sign-in), so only that person is told. */
    public boolean personal() {
        return this == NEW_SIGN_IN;
    }

    /** The topic's name in templates, message keys and URLs: {@code server_ready}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Topic> ofKey(String key) {
        for (Topic t : values()) {
            if (t.key().equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The topic an outbox event becomes, if any: the one place that decides which events people are told about.
     * {@code data} is the event's data as the outbox stored it.
     */
    public static Optional<Topic> of(String eventType, JsonNode data) {
        String kind = data == null ? "" : data.path("kind").asText("");
        return Optional.ofNullable(switch (eventType) {
            case "job.succeeded" -> switch (kind) {
                case "CREATE" -> SERVER_READY;
                case "RESIZE", "REINSTALL" -> SERVER_CHANGED;
                default -> null;
            };
            case "job.failed" -> "CREATE".equals(kind) ? SERVER_FAILED : JOB_FAILED;
            case "invoice.issued" -> INVOICE_ISSUED;
            // One mail per payment; the one that settles the invoices says so, so "invoice.paid" mails nobody.
            case "invoice.payment_received" -> PAYMENT_RECEIVED;
            case "invoice.overdue" -> DUNNING_REMINDER;
            case "account.suspended" -> suspensionChanged(data) ? SUSPENDED : null;
            case "account.termination_warning" -> TERMINATION_WARNING;
            case "account.unsuspended" -> UNSUSPENDED;
            case "account.quota_threshold" -> QUOTA_THRESHOLD;
            case "account.traffic_threshold" -> TRAFFIC_THRESHOLD;
            case "account.token_created" -> TOKEN_CREATED;
            case "account.two_factor_changed" -> TWO_FACTOR_CHANGED;
            case "account.new_sign_in" -> NEW_SIGN_IN;
            default -> null;
        });
    }

    /**
     * Whether a suspension event tells the customer something new: the account was not suspended, or is now
     * suspended for another reason. A second overdue invoice suspending a suspended account again mails nobody.
     */
    private static boolean suspensionChanged(JsonNode data) {
        JsonNode before = data == null ? null : data.path("before");
        if (before == null || !"SUSPENDED".equals(before.path("status").asText())) {
            return true;
        }
        return !before.path("suspensionKind").asText().equals(data.path("after").path("suspensionKind").asText());
    }
}
