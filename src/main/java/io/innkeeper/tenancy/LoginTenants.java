package io.innkeeper.tenancy;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.security.ForbiddenException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

import io.innkeeper.orders.ReadPool;

/**
 * The tenant a caller acts for, found without blocking for the API's hot reads on the I/O thread: a token's own
 * tenant as it came with the token, or the signed-in login's membership read over the non-blocking pool
 * ({@link ReadPool}) in one primary-key-sized statement, with no transaction.
 */
@Singleton
public class LoginTenants {

    private static final String TENANT_OF_LOGIN = "select tenant_id from membership where login = $1 limit 1";

    @Inject
    ReadPool reads;

    /** The tenant whose scope the caller has (as {@link Caller#scopeTenant()}); 403 for a login in no tenant. */
    public Future<UUID> scopeTenant(Caller caller) {
        UUID token = caller.tokenTenantId();
        if (token != null) {
            return Future.succeededFuture(token);
        }
        return reads.query(TENANT_OF_LOGIN, Tuple.of(caller.login()), "reading the caller's account")
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ForbiddenException(Caller.NO_TENANT);
                    }
                    return rows.iterator().next().getUUID(0);
                });
    }
}
