package io.innkeeper.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.kernel.RequestContext;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.OrderService;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Fixtures;

/** The request id of the request that ordered a server goes with the server's create job. */
@QuarkusTest
class JobRequestIdTest {

    @Inject
    Fixtures fixtures;

    @Inject
    OrderService orders;

    @Inject
    EntityManager em;

    @Test
    void theCreateJobKeepsTheOrderingRequestsId() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("rid-" + UUID.randomUUID());
        String requestId = "order-" + UUID.randomUUID();
        UUID[] server = new UUID[1];
        // As RequestIds does for a request: the id in the log context while the order is placed.
        RequestContext.with(requestId, () -> server[0] = orders.order(new Actor("rid", tenant, null, requestId),
                Scope.of(tenant), new OrderRequest(Fixtures.hostname("rid"), catalog.region().toString(),
                        catalog.plan().toString(), catalog.template().toString(), null, null)).server().id);
        assertThat(jobRequestIds(server[0])).containsExactly(requestId);
        assertThat(RequestContext.requestId()).as("the caller's log context as it was").isEmpty();
    }

    @Transactional
    List<String> jobRequestIds(UUID serverId) {
        // A server's id is its guest's.
        return em.createNativeQuery("select request_id from job where guest_id = :server", String.class)
                .setParameter("server", serverId).getResultList();
    }
}
