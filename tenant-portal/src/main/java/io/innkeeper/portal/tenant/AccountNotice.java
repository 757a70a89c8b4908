package io.innkeeper.portal.tenant;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.innkeeper.orders.ServerActions;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.TenantSuspensions;

/**
 * What a suspended account is told on every page: why it is suspended and what lifts it, and whether the caller may
 * order servers. Templates read it as {@code inject:account.suspension} and {@code inject:account.canOrder}; the
 * account's standing is the one {@link io.innkeeper.orders.ServerActions} weighs.
 */
@RequestScoped
@Named("account")
public class AccountNotice {

    /** A suspension as the customer reads it. */
    public record Suspension(String why, String whatToDo) {
    }

    @Inject
    Caller caller;

    @Inject
    TenantSuspensions suspensions;

    private Optional<Suspension> suspension;

    public Optional<Suspension> suspension() {
        if (suspension == null) {
            suspension = caller.hasTenant()
                    ? suspensions.accountState(caller.scopeTenant()).flatMap(AccountNotice::of)
                    : Optional.empty();
        }
        return suspension;
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
