package io.innkeeper.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.security.ForbiddenException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import io.innkeeper.orders.ReadPool;

/**
 * The tenant a caller acts for, found without blocking for the API's hot reads on the I/O thread: a token's own
 * tenant as it came with the token, or the signed-in login's memberships read over the non-blocking pool
 * ({@link ReadPool}) in one statement by the login's index, with no transaction, and chosen among by
 * {@link AccountChoice}, the same rule as {@link Caller#membership()}.
 */
@Singleton
public class LoginTenants {

    private static final String TENANTS_OF_LOGIN = "select tenant_id, created_at from membership where login = $1";

    @Inject
    ReadPool reads;

    /** The tenant whose scope the caller has (as {@link Caller#scopeTenant()}); 403 for a login in no tenant. */
    public Future<UUID> scopeTenant(Caller caller) {
        UUID token = caller.tokenTenantId();
        if (token != null) {
            return Future.succeededFuture(token);
        }
        AccountChoice.Asked asked = caller.accountAsked();
        return reads.query(TENANTS_OF_LOGIN, Tuple.of(caller.login()), "reading the caller's account")
                .map(rows -> {
                    List<AccountChoice.Candidate> memberships = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        memberships.add(new AccountChoice.Candidate(row.getUUID(0),
                                row.getOffsetDateTime(1).toInstant()));
                    }
                    return AccountChoice.choose(memberships, asked)
                            .orElseThrow(() -> new ForbiddenException(Caller.NO_TENANT));
                });
    }
}
