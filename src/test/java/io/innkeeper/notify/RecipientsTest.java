package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.tenancy.Audiences;
import io.innkeeper.tenancy.MemberRole;

class RecipientsTest {

    private static final UUID CUSTOMER = UUID.randomUUID();
    private static final UUID RESELLER = UUID.randomUUID();

    private static Audiences.Account customer(boolean copies) {
        return new Audiences.Account(CUSTOMER, "Customer", "en", "UTC", "EUR", RESELLER, false, List.of(
                new Audiences.Person("olga", MemberRole.OWNER), new Audiences.Person("mike", MemberRole.MEMBER),
                new Audiences.Person("rob", MemberRole.READ_ONLY)));
    }

    private static Optional<Audiences.Account> reseller(boolean copies) {
        return Optional.of(new Audiences.Account(RESELLER, "Reseller", "de", "Europe/Berlin", "EUR", null, copies,
                List.of(new Audiences.Person("rita", MemberRole.OWNER), new Audiences.Person("sam",
                        MemberRole.MEMBER))));
    }

    @Test
    void ownersReceiveEverythingAndMembersOnlyWhatTheyChose() {
        assertThat(Recipients.of(Topic.SERVER_READY, customer(false), reseller(false), Map.of("mike/server_ready",
                true))).containsExactly(new Recipients.Recipient(CUSTOMER, "olga", true),
                        new Recipients.Recipient(CUSTOMER, "mike", true));
    }

    @Test
    void anOwnerCanSwitchOffOptionalMailButNotBillingOrSecurity() {
        Map<String, Boolean> off = Map.of("olga/server_ready", false, "olga/invoice_issued", false,
                "olga/token_created", false);
        assertThat(Recipients.of(Topic.SERVER_READY, customer(false), Optional.empty(), off))
                .containsExactly(new Recipients.Recipient(CUSTOMER, "olga", false));
        assertThat(Recipients.of(Topic.INVOICE_ISSUED, customer(false), Optional.empty(), off))
                .containsExactly(new Recipients.Recipient(CUSTOMER, "olga", true));
        assertThat(Recipients.of(Topic.TOKEN_CREATED, customer(false), Optional.empty(), off))
                .containsExactly(new Recipients.Recipient(CUSTOMER, "olga", true));
    }

    @Test
    void aResellerGetsItsCustomersBillingOnlyWhenItChoseTo() {
        assertThat(Recipients.of(Topic.INVOICE_ISSUED, customer(false), reseller(false), Map.of()))
                .extracting(Recipients.Recipient::login).containsExactly("olga");
        assertThat(Recipients.of(Topic.INVOICE_ISSUED, customer(false), reseller(true), Map.of()))
                .containsExactly(new Recipients.Recipient(CUSTOMER, "olga", true),
                        new Recipients.Recipient(RESELLER, "rita", true));
        assertThat(Recipients.of(Topic.SERVER_READY, customer(false), reseller(true), Map.of()))
                .extracting(Recipients.Recipient::login).containsExactly("olga");
    }
}
