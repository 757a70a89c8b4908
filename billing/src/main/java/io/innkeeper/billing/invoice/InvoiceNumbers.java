package io.innkeeper.billing.invoice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Invoice numbers without gaps, one sequence per issuer (the platform, each reseller). The next number is taken in
 * the invoice's own transaction, which holds the issuer's counter row until it commits: a rollback gives the
 * number back, and a concurrent invoice of the same issuer waits for it. So take it last, just before the insert.
 */
@ApplicationScoped
public class InvoiceNumbers {

    private static final String NEXT_NUMBER = """
            insert into invoice_number (issuer, last_number) values (:issuer, 1)
            on conflict (issuer) do update set last_number = invoice_number.last_number + 1
            returning last_number
            """;

    @Inject
    EntityManager em;

    /** The issuer's next number; must run inside the transaction that stores the invoice. */
    public long next(String issuer) {
        return ((Number) em.createNativeQuery(NEXT_NUMBER).setParameter("issuer", issuer).getSingleResult())
                .longValue();
    }

    /** The issuer of a reseller's invoices to its customers. */
    public static String resellerIssuer(java.util.UUID resellerId) {
        return "reseller:" + resellerId;
    }
}
