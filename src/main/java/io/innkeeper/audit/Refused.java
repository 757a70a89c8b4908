package io.innkeeper.audit;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;

/**
 * A refusal that belongs in the audit log. It is written by {@link Guarded} once the refused transaction has
 * rolled back, so writing it never needs a second connection while the first still holds its locks.
 */
public class Refused extends InvalidInput {

    private final transient Actor actor;
    private final transient Audit.Entry entry;

    public Refused(Actor actor, Audit.Entry entry, FieldErrors errors) {
        super(errors);
        this.actor = actor;
        this.entry = entry;
    }

    Actor actor() {
        return actor;
    }

    Audit.Entry entry() {
        return entry;
    }
}
