package io.innkeeper.tenancy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.security.ForbiddenException;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;

/** The language an account's mails are written in; owners change it. Audited as {@code tenant.language}. */
@ApplicationScoped
public class AccountLanguage {

    /** The languages the panel writes, by code, with their own names. */
    public static final Map<String, String> LANGUAGES = Map.of("en", "English", "de", "Deutsch");

    /** The codes in the order a form offers them. */
    public static final List<String> CODES = List.of("en", "de");

    public static final String OWNERS_ONLY = "Only an owner of the account can change its language.";

    @Inject
    Audit audit;

    /** The account's language code; {@code en} for an account that does not exist. */
    @Transactional
    public String of(UUID tenant) {
        Tenant t = Tenant.findById(tenant);
        return t == null || t.language == null ? "en" : t.language;
    }

    /** Sets the account's language; only an owner ({@code role}) may, and only to one the panel writes. */
    @Transactional
    public void set(Actor actor, UUID tenant, MemberRole role, String language) {
        if (role != MemberRole.OWNER) {
            throw new ForbiddenException(OWNERS_ONLY);
        }
        if (language == null || !LANGUAGES.containsKey(language)) {
            throw InvalidInput.of("language", "Choose one of: " + String.join(", ", CODES) + ".");
        }
        Tenant t = Tenant.findById(tenant);
        if (t == null) {
            throw new NotFound("account " + tenant);
        }
        if (language.equals(t.language)) {
            return;
        }
        String before = t.language;
        t.language = language;
        audit.changed(actor, new Audit.Entry("tenant.language", "tenant", tenant, tenant, null,
                Map.of("language", before), Map.of("language", language)));
    }
}
