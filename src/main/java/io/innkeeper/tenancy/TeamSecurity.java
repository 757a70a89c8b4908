package io.innkeeper.tenancy;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.security.ForbiddenException;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;

/**
 * An account's sign-in rule: whether every member must sign in with a one-time code. Owners change it; the panel
 * enforces it on each page from the sign-in token ({@link TwoFactor}). One transaction each.
 */
@ApplicationScoped
public class TeamSecurity {

    /** Why an owner-only change is refused to anyone else. */
    public static final String OWNERS_ONLY = "Only an owner of the account can change how its team signs in.";

    @Inject
    Audit audit;

    /** Whether the account requires two-factor sign-in; false for an account that does not exist. */
    @Transactional
    public boolean requiresTwoFactor(UUID tenant) {
        Tenant t = Tenant.findById(tenant);
        return t != null && t.requiresTwoFactor;
    }

    /** Why an owner who signed in without a code cannot require one: the next page would lock them out. */
    public static final String SIGN_IN_WITH_CODE_FIRST = "Sign in with a one-time code yourself first: set up an "
            + "authenticator in your account console, sign out and sign in again.";

    /**
     * Sets the account's rule; only an owner ({@code role}) may, and to require it, only one who signed in with a
     * one-time code. Audited as {@code tenant.require-2fa} when it changes; setting it to what it is changes
     * nothing.
     */
    @Transactional
    public void requireTwoFactor(Actor actor, UUID tenant, MemberRole role, boolean required,
            boolean signedInWithOneTimeCode) {
        if (role != MemberRole.OWNER) {
            throw new ForbiddenException(OWNERS_ONLY);
        }
        if (required && !signedInWithOneTimeCode) {
            FieldErrors errors = new FieldErrors();
            errors.add("required", SIGN_IN_WITH_CODE_FIRST);
            throw new InvalidInput(errors);
        }
        Tenant t = Tenant.findById(tenant);
        if (t == null) {
            throw new NotFound("account " + tenant);
        }
        if (t.requiresTwoFactor == required) {
            return;
        }
        t.requiresTwoFactor = required;
        audit.changed(actor, new Audit.Entry("tenant.require-2fa", "tenant", tenant, tenant,
                required ? "every member must sign in with a one-time code" : "a one-time code is each member's choice",
                Map.of("requiresTwoFactor", !required), Map.of("requiresTwoFactor", required)));
    }
}
