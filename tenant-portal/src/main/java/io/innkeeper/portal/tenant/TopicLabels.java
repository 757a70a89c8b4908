package io.innkeeper.portal.tenant;

import io.innkeeper.notify.Topic;

/** What each kind of notification is called on the settings page. */
final class TopicLabels {

    /** Why an owner cannot switch a billing or security topic's mail off. */
    static final String LOCKED_WHY = "Owners always get billing and security mail, so nothing about the account's "
            + "money or access goes unseen.";

    private TopicLabels() {
    }

    static String label(Topic topic) {
        return switch (topic) {
            case SERVER_READY -> "A server is ready";
            case SERVER_FAILED -> "A server could not be created";
            case JOB_FAILED -> "A change to a server failed";
            case SERVER_CHANGED -> "A server was resized or reinstalled";
            case INVOICE_ISSUED -> "A new invoice";
            case PAYMENT_RECEIVED -> "A payment was received";
            case DUNNING_REMINDER -> "An invoice is overdue";
            case SUSPENDED -> "The account was suspended";
            case TERMINATION_WARNING -> "The account will be closed";
            case UNSUSPENDED -> "The account was unsuspended";
            case QUOTA_THRESHOLD -> "Quota nearly used up";
            case TRAFFIC_THRESHOLD -> "Traffic nearly used up";
            case TOKEN_CREATED -> "An API token was created";
            case TWO_FACTOR_CHANGED -> "Two-factor sign-in changed";
            case NEW_SIGN_IN -> "A sign-in from somewhere new";
        };
    }
}
