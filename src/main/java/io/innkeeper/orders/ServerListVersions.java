package io.innkeeper.orders;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

/**
 * A tenant's server-list version (V56: a fresh sequence value whenever anything a list of the tenant shows changes),
 * read without blocking over the server list's pool ({@link ReadPool}): one primary-key read, which the API's page
 * cache asks before it serves a kept page.
 */
@Singleton
public class ServerListVersions {

    private static final String VERSION = "select version from server_list_version where tenant_id = $1";

    @Inject
    ReadPool reads;

    /** The tenant's version; a tenant nothing was ever changed for has none yet, read as 0. */
    public Future<Long> version(UUID tenant) {
        return reads.query(VERSION, Tuple.of(tenant), "reading the list's version")
                .map(versions -> versions.size() == 0 ? 0L : versions.iterator().next().getLong(0));
    }
}
