package io.innkeeper.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.innkeeper.tenancy.Audiences;
import io.innkeeper.tenancy.MemberRole;

/**
 * Who is told of an event, and who of them by mail: the one rule. The account's owners always see it in the portal
 * and get the mail unless they switched an optional topic off; other members receive a topic only when they opted
 * in to it. A reseller's owners get a copy of a customer's billing notifications when the reseller chose so.
 */
public final class Recipients {

    /** One person to notify, in the account whose portal shows it. */
    public record Recipient(UUID tenantId, String login, boolean mail) {
    }

    private Recipients() {
    }

    /**
     * {@link #of(Topic, Audiences.Account, Optional, Map)}, except that a {@link Topic#personal() personal} topic
     * goes to {@code person} alone, by mail, when that login is a member of the account; nobody else is told.
     */
    public static List<Recipient> of(Topic topic, Audiences.Account about, Optional<Audiences.Account> reseller,
            Map<String, Boolean> choices, String person) {
        if (!topic.personal()) {
            return of(topic, about, reseller, choices);
        }
        return about.people().stream().filter(p -> p.login().equals(person))
                .map(p -> new Recipient(about.id(), p.login(), true)).toList();
    }

    /**
     * @param choices mail choices by {@code login + "/" + topic key}; a missing one is the default
     */
    public static List<Recipient> of(Topic topic, Audiences.Account about, Optional<Audiences.Account> reseller,
            Map<String, Boolean> choices) {
        List<Recipient> out = new ArrayList<>();
        for (Audiences.Person p : about.people()) {
            Boolean choice = choices.get(p.login() + "/" + topic.key());
            if (p.role() == MemberRole.OWNER) {
                out.add(new Recipient(about.id(), p.login(), mails(topic, p.role(), choice)));
            } else if (mails(topic, p.role(), choice)) {
                out.add(new Recipient(about.id(), p.login(), true));
            }
        }
        if (topic.category() == Topic.Category.BILLING && reseller.isPresent() && reseller.get().copyCustomerBilling()) {
            for (Audiences.Person p : reseller.get().people()) {
                if (p.role() == MemberRole.OWNER) {
                    out.add(new Recipient(reseller.get().id(), p.login(), true));
                }
            }
        }
        return out;
    }

    /**
     * Whether a person in this role gets a topic's mail, given their choice (null: none made): an owner unless they
     * switched an optional topic off, anyone else only when they opted in.
     */
    public static boolean mails(Topic topic, MemberRole role, Boolean choice) {
        if (role == MemberRole.OWNER) {
            return locked(topic, role) || !Boolean.FALSE.equals(choice);
        }
        return Boolean.TRUE.equals(choice);
    }

    /** Whether no choice of this person can switch the topic's mail off: an owner's billing and security mail. */
    public static boolean locked(Topic topic, MemberRole role) {
        return role == MemberRole.OWNER && topic.mandatory();
    }
}
