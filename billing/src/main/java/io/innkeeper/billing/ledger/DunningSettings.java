package io.innkeeper.billing.ledger;

import java.time.Duration;
import java.time.Instant;

import io.innkeeper.kernel.FieldErrors;

/**
 * Days past an invoice's due date after which each dunning step is taken.
 *
 * @param version how many times an admin saved the settings; 0 while the configuration's defaults apply
 */
public record DunningSettings(int reminderDays, int suspendDays, int terminateDays, int version) {

    /** The settings as an admin typed them, checked field by field; {@code InvalidInput} names each bad one. */
    public static DunningSettings parse(String reminder, String suspend, String terminate) {
        FieldErrors errors = new FieldErrors();
        int r = days(reminder, "reminderDays", "Reminder", errors);
        int s = days(suspend, "suspendDays", "Suspension", errors);
        int t = days(terminate, "terminateDays", "Termination", errors);
        if (errors.isEmpty()) {
            if (s <= r) {
                errors.add("suspendDays", "Suspension must come after the reminder (more than " + r + " days).");
            }
            if (t <= s) {
                errors.add("terminateDays", "Termination must come after suspension (more than " + s + " days).");
            }
        }
        errors.throwIfAny();
        return new DunningSettings(r, s, t, 0);
    }

    /** How long before termination the account is warned; the warning never comes before the suspension. */
    public static final int TERMINATION_WARNING_DAYS = 7;

    public Duration after(DunningStep step) {
        return Duration.ofDays(switch (step) {
            case REMINDER -> reminderDays;
            case SUSPENSION -> suspendDays;
            case TERMINATION_WARNING -> Math.max(suspendDays, terminateDays - TERMINATION_WARNING_DAYS);
            case TERMINATION -> terminateDays;
        });
    }

    /** When the step is due for an invoice due at {@code dueAt}: the one rule dunning runs and notices both read. */
    public Instant at(DunningStep step, Instant dueAt) {
        return dueAt.plus(after(step));
    }

    public boolean isDefault() {
        return version == 0;
    }

    private static int days(String raw, String field, String label, FieldErrors errors) {
        try {
            int value = Integer.parseInt(raw == null ? "" : raw.strip());
            if (value >= 0 && value <= 3650) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(field, label + " days must be a whole number from 0 to 3650.");
        return 0;
    }
}
