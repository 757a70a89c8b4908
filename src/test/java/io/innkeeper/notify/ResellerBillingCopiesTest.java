package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.security.ForbiddenException;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.billing.ledger.EntryKind;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.tenancy.BillingCopies;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.People;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;

/**
 * A reseller receives a copy of its customer's billing mail only once an owner switched copies on (audited); the
 * customer's owner receives the mail either way. (The platform invoices resellers, not their customers, so the
 * customer's billing mail here is a payment booked to its ledger.)
 */
@QuarkusTest
class ResellerBillingCopiesTest {

    @Inject
    Fixtures fixtures;

    @Inject
    BillingData data;

    @Inject
    People people;

    @Inject
    Ledger ledger;

    @Inject
    BillingCopies copies;

    @Test
    void theResellerIsCopiedOnlyWhenItChoseTo() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String resellerLogin = "copies-reseller-" + suffix;
        String customerLogin = "copies-customer-" + suffix;
        String resellerMail = Mailbox.freshAddress("reseller");
        String customerMail = Mailbox.freshAddress("customer");
        UUID reseller = fixtures.tenantOf(resellerLogin, TenantKind.RESELLER, null);
        UUID customer = fixtures.tenantOf(customerLogin, TenantKind.CUSTOMER, reseller);
        people.remember(resellerLogin, resellerMail);
        people.remember(customerLogin, customerMail);
        assertThat(copies.copies(reseller)).isFalse();

        ledger.record(customer, EntryKind.PAYMENT, "5.00", "copy-1", null, "admin");
        Mailbox.await(customerMail, "Payment of EUR 5.00 received");
        assertThat(data.sum("select count(*) from notification where login = ?1", resellerLogin)).isZero();
        assertThat(Mailbox.messages(resellerMail)).isEmpty();

        Actor owner = new Actor(resellerLogin, reseller, null, null);
        assertThatThrownBy(() -> copies.set(owner, reseller, MemberRole.MEMBER, true))
                .isInstanceOf(ForbiddenException.class);
        copies.set(owner, reseller, MemberRole.OWNER, true);
        assertThat(copies.copies(reseller)).isTrue();
        assertThat(data.sum("select count(*) from audit_event where action = 'tenant.billing-copies' "
                + "and tenant_id = ?1 and actor = ?2", reseller, resellerLogin)).isEqualTo(1);

        ledger.record(customer, EntryKind.PAYMENT, "7.00", "copy-2", null, "admin");
        Mailbox.Message copy = Mailbox.await(resellerMail, "Payment of EUR 7.00 received");
        assertThat(copy.text()).contains("Tenant of " + customerLogin);
        Mailbox.await(customerMail, "Payment of EUR 7.00 received");
        assertThat(Mailbox.messages(resellerMail)).hasSize(1);
    }
}
