package io.innkeeper.account;

/** What an API token may do: read only, or also change things. */
public enum TokenScope {
    READ,
    WRITE
}
