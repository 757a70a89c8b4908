package io.innkeeper.portal.tenant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.innkeeper.notify.Inbox;
import io.innkeeper.tenancy.Caller;

/**
 * The signed-in person's unread notifications in the account they act for, counted once per request, for the
 * navigation's badge ({@code inject:unread}); none for a login without an account.
 */
@RequestScoped
@Named("unread")
public class UnreadCount {

    @Inject
    Caller caller;

    @Inject
    Inbox inbox;

    private Long count;

    public long count() {
        if (count == null) {
            count = caller.isSignedIn() && caller.hasTenant() ? inbox.unread(caller.scopeTenant(), caller.login()) : 0;
        }
        return count;
    }

    public boolean any() {
        return count() > 0;
    }

    /** The badge's text: the count, or 99+ beyond that. */
    public String badge() {
        return count() > 99 ? "99+" : String.valueOf(count());
    }
}
