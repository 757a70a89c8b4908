package io.innkeeper.portal.tenant;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.innkeeper.orders.ServerActions;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.TenantSuspensions;

/**
 * What a suspended account is told on every page: why it is suspended and what lifts it, and whether the caller may
 * order servers; before suspension, what is overdue and when the account will be suspended. Templates read it as
 * {@code inject:account.suspension}, {@code inject:account.overdue} and {@code inject:account.canOrder}; the
 * account's standing is the one {@link io.innkeeper.orders.ServerActions} weighs.
 */
@RequestScoped
@Named("account")
public class AccountNotice {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    /** A suspension as the customer reads it. */
    public record Suspension(String why, String whatToDo) {
    }

    /**
     * An overdue balance before suspension: the amount and the day the account will be suspended, both as the
     * customer reads them (its own time zone).
     */
    public record Overdue(String amount, String suspendOn) {
    }

    @Inject
    Caller caller;

    @Inject
    TenantSuspensions suspensions;

    @Inject
    io.innkeeper.billing.ledger.Overdue overdues;

    @Inject
    Clock clock;

    private Optional<Suspension> suspension;

    private Optional<Overdue> overdue;

    public Optional<Suspension> suspension() {
        if (suspension == null) {
            suspension = caller.hasTenant()
                    ? suspensions.accountState(caller.scopeTenant()).flatMap(AccountNotice::of)
                    : Optional.empty();
        }
        return suspension;
    }

    /** The overdue balance to warn of; empty once the account is suspended (the suspension notice says it then). */
    public Optional<Overdue> overdue() {
        if (overdue == null) {
            overdue = !caller.hasTenant() || suspended() ? Optional.empty()
                    : overdues.of(caller.scopeTenant()).map(s -> of(s, zone(s.timeZone()), clock.instant()));
        }
        return overdue;
    }

    static Overdue of(io.innkeeper.billing.ledger.Overdue.Standing standing, ZoneId zone, Instant now) {
        // A suspension already due waits only for the next dunning run: that is today.
        Instant on = standing.suspendAt().isBefore(now) ? now : standing.suspendAt();
        return new Overdue(standing.amount().toString(), DAY.format(on.atZone(zone)));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id == null ? "UTC" : id);
        } catch (java.time.DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    public boolean suspended() {
        return suspension().isPresent();
    }

    /** Whether the caller may order servers: it may change things and its account is active. */
    public boolean canOrder() {
        return caller.canChange() && !suspended();
    }

    static Optional<Suspension> of(TenantSuspensions.AccountState account) {
        return switch (ServerActions.Standing.of(account.status(), account.resellerStatus())) {
            case ACTIVE -> Optional.empty();
            case SUSPENDED -> {
                String reason = account.suspensionReason() == null ? ""
                        : " Reason given: " + account.suspensionReason();
                yield Optional.of(account.suspensionKind() == TenantSuspensions.Kind.NON_PAYMENT
                        ? new Suspension("Your account is suspended because an invoice is unpaid." + reason,
                                "Pay the open invoice and the account is restored at once. Your servers and data are "
                                        + "kept; start your servers again afterwards.")
                        : new Suspension("Your account is suspended by your provider." + reason,
                                "Contact support to have it restored. Your servers and data are kept."));
            }
            case CLOSED -> Optional.of(new Suspension("Your account is closed.",
                    "Contact support if this is a mistake."));
            case RESELLER_SUSPENDED -> Optional.of(new Suspension("Your reseller's account is suspended.",
                    "Contact your reseller to have it restored. Your servers and data are kept."));
        };
    }
}
