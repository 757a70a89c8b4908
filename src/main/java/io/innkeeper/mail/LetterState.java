package io.innkeeper.mail;

/** Where a letter waiting in the panel's mail queue stands; a sent letter is deleted, so it has no state. */
public enum LetterState {
    /** Not yet taken by the mail server: tried again after its wait. */
    PENDING,
    /** Refused for good (a 5xx answer) or given up after the last attempt; kept with the reason until retention. */
    FAILED
}
