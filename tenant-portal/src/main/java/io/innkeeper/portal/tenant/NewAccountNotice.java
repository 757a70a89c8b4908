package io.innkeeper.portal.tenant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Caller;

/**
 * What a self-made account awaiting approval is told where it orders: that it has reached the new-account limit, in
 * the limit's own words. Templates read it as {@code inject:newAccount.limitReached} (null when there is nothing to
 * say).
 */
@RequestScoped
@Named("newAccount")
public class NewAccountNotice {

    @Inject
    Caller caller;

    @Inject
    QuotaService quotas;

    private String limitReached;
    private boolean read;

    public String limitReached() {
        if (!read) {
            read = true;
            limitReached = caller.hasTenant() ? quotas.newAccountLimitReached(caller.scopeTenant()).orElse(null)
                    : null;
        }
        return limitReached;
    }
}
