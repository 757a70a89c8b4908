package io.innkeeper.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.security.ForbiddenException;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.SubAccounts;
import io.innkeeper.audit.Actor;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;

/**
 * Invitations through the use case, with the real mail server: the letter, the single-use link, resend, revoke,
 * expiry, the refusals, and the admin's and the reseller's ways in.
 */
@QuarkusTest
class InvitationsTest {

    @Inject
    Invitations invitations;

    @Inject
    Memberships memberships;

    @Inject
    Tenants tenants;

    @Inject
    SubAccounts subAccounts;

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    UUID tenant;
    Actor owner;
    Invitations.Authority asOwner = new Invitations.Authority.Member(MemberRole.OWNER);

    @BeforeEach
    void setUp() {
        tenant = fixtures.customer("ivy-owner");
        owner = new Actor("ivy-owner", tenant, null, null);
    }

    @Test
    void theLetterCarriesASingleUseLinkThatAddsTheMemberInTheInvitedRole() {
        String address = Mailbox.freshAddress("ina");
        Invitations.Sent sent = invitations.invite(owner, asOwner, tenant, "  " + address + " ", "read_only");
        assertThat(sent.state()).isEqualTo(InvitationState.PENDING);
        assertThat(sent.expiresAt()).isAfter(Instant.now().plusSeconds(6 * 24 * 3600));

        Mailbox.Message letter = Mailbox.await(address, "Invitation to Tenant of ivy-owner");
        assertThat(letter.text()).contains("ivy-owner invites you", "read-only member", "expires on");
        String token = token(letter);
        assertThat(hashes()).doesNotContain(token).allMatch(h -> h.matches("[0-9a-f]{64}"));

        Invitations.Offer offer = invitations.offer(token).orElseThrow();
        assertThat(offer.canAccept()).isTrue();
        assertThat(offer.role()).isEqualTo(MemberRole.READ_ONLY);

        String login = "ina-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(invitations.accept(new Actor(login, null, null, null), token, login)).isEqualTo(tenant);
        assertThat(memberships.list(tenant)).anyMatch(m -> m.login().equals(login)
                && m.role() == MemberRole.READ_ONLY);
        assertThat(invitations.open(asOwner, tenant)).noneMatch(i -> i.id().equals(sent.id()));

        assertThatThrownBy(() -> invitations.accept(new Actor("other", null, null, null), token, "someone-else"))
                .isInstanceOfSatisfying(Invitations.Closed.class,
                        c -> assertThat(c.state()).isEqualTo(InvitationState.ACCEPTED));
        assertThat(invitations.offer(token).orElseThrow().refusal()).contains("used already");
        assertThat(audit(sent.id())).contains("invitation.create", "invitation.accept");
    }

    @Test
    void resendKillsTheOldLinkAndRevokeAndExpiryCloseIt() {
        String address = Mailbox.freshAddress("rex");
        Invitations.Sent sent = invitations.invite(owner, asOwner, tenant, address, "MEMBER");
        String first = token(Mailbox.await(address, "Invitation to"));

        invitations.resend(owner, asOwner, tenant, sent.id());
        String second = token(Mailbox.await(address, m -> m.subject().contains("Invitation to")
                && !m.text().contains(first)));
        assertThat(invitations.offer(first)).isEmpty();
        assertThatThrownBy(() -> invitations.accept(owner, first, "rex-login")).isInstanceOf(NotFound.class);
        assertThat(invitations.offer(second).orElseThrow().canAccept()).isTrue();

        expire(sent.id());
        assertThatThrownBy(() -> invitations.accept(owner, second, "rex-login"))
                .isInstanceOfSatisfying(Invitations.Closed.class,
                        c -> assertThat(c.state()).isEqualTo(InvitationState.EXPIRED));
        assertThat(invitations.open(asOwner, tenant)).anyMatch(i -> i.id().equals(sent.id()) && i.isExpired());

        invitations.revoke(owner, asOwner, tenant, sent.id());
        assertThat(invitations.offer(second).orElseThrow().state()).isEqualTo(InvitationState.REVOKED);
        assertThatThrownBy(() -> invitations.accept(owner, second, "rex-login"))
                .isInstanceOfSatisfying(Invitations.Closed.class,
                        c -> assertThat(c.state()).isEqualTo(InvitationState.REVOKED));
        assertThat(memberships.list(tenant)).noneMatch(m -> m.login().equals("rex-login"));
        assertThat(audit(sent.id())).contains("invitation.resend", "invitation.revoke");
    }

    @Test
    void badAddressesMembersDuplicatesAndNonOwnersAreRefusedAndNothingIsSent() {
        assertThatThrownBy(() -> invitations.invite(owner, asOwner, tenant, "not-an-address", "MEMBER"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap()).containsKey("email"));
        assertThatThrownBy(() -> invitations.invite(owner, asOwner, tenant, Mailbox.freshAddress("r"), "KING"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap()).containsKey("role"));
        String member = "mia-" + UUID.randomUUID().toString().substring(0, 8) + "@mail.innkeeper.test";
        fixtures.member(member, tenant, MemberRole.MEMBER);
        assertThatThrownBy(() -> invitations.invite(owner, asOwner, tenant, member.toUpperCase(), "MEMBER"))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.errors().asMap().get("email")).contains("already a member"));

        String address = Mailbox.freshAddress("dup");
        invitations.invite(owner, asOwner, tenant, address, "MEMBER");
        assertThatThrownBy(() -> invitations.invite(owner, asOwner, tenant, address, "OWNER"))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.errors().asMap().get("email")).contains("resend"));
        String stranger = Mailbox.freshAddress("nope");
        assertThatThrownBy(() -> invitations.invite(owner, new Invitations.Authority.Member(MemberRole.MEMBER),
                tenant, stranger, "MEMBER")).isInstanceOf(ForbiddenException.class);
        assertThat(invitations.open(asOwner, tenant)).extracting(Invitations.Sent::email).contains(address)
                .doesNotContain("not-an-address", stranger);
        Mailbox.await(address, "Invitation to");
        assertThat(Mailbox.messages(address)).hasSize(1);
        assertThat(Mailbox.messages(stranger)).isEmpty();
    }

    @Test
    void aLoginInAnotherAccountJoinsThisOneTooButNeverTwice() {
        String address = Mailbox.freshAddress("twice");
        invitations.invite(owner, asOwner, tenant, address, "MEMBER");
        String token = token(Mailbox.await(address, "Invitation to"));
        UUID elsewhere = fixtures.customer("already-elsewhere");
        invitations.accept(owner, token, "already-elsewhere");
        assertThat(io.innkeeper.tenancy.Membership.in(tenant, "already-elsewhere")).isPresent();
        assertThat(io.innkeeper.tenancy.Membership.in(elsewhere, "already-elsewhere")).isPresent();

        String again = Mailbox.freshAddress("again");
        invitations.invite(owner, asOwner, tenant, again, "READ_ONLY");
        String second = token(Mailbox.await(again, "Invitation to"));
        assertThatThrownBy(() -> invitations.accept(owner, second, "already-elsewhere"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap().get("login"))
                        .contains("already a member of this account"));
        assertThat(invitations.offer(second).orElseThrow().canAccept()).isTrue();
    }

    @Test
    void anAdminCreatesATenantWithQuotaAndInvitesItsOwnerInOneTransaction() {
        String name = "Admin-made " + UUID.randomUUID().toString().substring(0, 8);
        QuotaLimits quota = new QuotaLimits(5, 10, 8192, 100, 5, 5, null, null, null);
        String address = Mailbox.freshAddress("boss");
        assertThatThrownBy(() -> tenants.create(Actor.SYSTEM, new Tenants.NewTenant("RESELLER", "x".repeat(10_000),
                "EUR", "Europe/Berlin", "DE", address), quota))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap()).containsKey("name"));
        assertThatThrownBy(() -> tenants.create(Actor.SYSTEM, new Tenants.NewTenant("RESELLER", name, "EURO",
                "Mars/Olympus", "XX", "nobody"), quota))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap())
                        .containsKeys("currency", "timeZone", "country", "ownerEmail"));
        assertThat(tenants.search(name, 10)).isEmpty();

        Invitations.Sent sent = tenants.create(Actor.SYSTEM, new Tenants.NewTenant("reseller", name, "eur",
                "Europe/Berlin", "de", address), quota);
        Tenants.Detail detail = tenants.detail(sent.tenantId());
        assertThat(detail.tenant().kind()).isEqualTo(TenantKind.RESELLER);
        assertThat(detail.tenant().country()).isEqualTo("DE");
        assertThat(detail.quota().servers()).isEqualTo(5);
        assertThat(sent.role()).isEqualTo(MemberRole.OWNER);
        assertThat(invitations.open(new Invitations.Authority.Admin(), sent.tenantId())).hasSize(1);
        assertThat(Mailbox.await(address, "Invitation to " + name).text()).contains("an owner");
    }

    @Test
    void aResellerInvitesOnlyToItsOwnCustomersAndRenamesAndClosesThem() {
        UUID reseller = fixtures.tenantOf("ivy-reseller", TenantKind.RESELLER, null);
        UUID other = fixtures.tenantOf("ivy-other-reseller", TenantKind.RESELLER, null);
        Actor rita = new Actor("ivy-reseller", reseller, null, null);
        UUID customer = subAccounts.create(rita, reseller, "Ivy's customer", null).account().id();
        String address = Mailbox.freshAddress("cust");
        Invitations.Sent sent = subAccounts.invite(rita, reseller, customer, address, "OWNER");
        assertThat(subAccounts.invitations(reseller, customer)).extracting(Invitations.Sent::id)
                .containsExactly(sent.id());
        assertThatThrownBy(() -> subAccounts.invitations(other, customer)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> subAccounts.revokeInvitation(rita, reseller, tenant, sent.id()))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> invitations.revoke(rita, new Invitations.Authority.ResellerOf(other), customer,
                sent.id())).isInstanceOf(NotFound.class);

        assertThat(subAccounts.rename(rita, reseller, customer, "  Ivy's bakery ").account().name())
                .isEqualTo("Ivy's bakery");
        assertThatThrownBy(() -> subAccounts.rename(rita, reseller, customer, "y".repeat(10_000)))
                .isInstanceOf(InvalidInput.class);
        assertThat(subAccounts.close(rita, reseller, customer).account().status()).isEqualTo(TenantStatus.CLOSED);
        String token = token(Mailbox.await(address, "Invitation to"));
        assertThat(invitations.offer(token).orElseThrow().state()).isEqualTo(InvitationState.REVOKED);
        assertThatThrownBy(() -> subAccounts.invite(rita, reseller, customer, Mailbox.freshAddress("late"), "OWNER"))
                .isInstanceOf(InvalidInput.class);
    }

    static String token(Mailbox.Message letter) {
        String link = letter.link("http://localhost:");
        return link.substring(link.lastIndexOf('/') + 1);
    }

    @Transactional
    List<String> hashes() {
        return em.createQuery("select i.tokenHash from Invitation i", String.class).getResultList();
    }

    @Transactional
    void expire(UUID id) {
        em.find(Invitation.class, id).expiresAt = Instant.now().minusSeconds(1);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<String> audit(UUID target) {
        return em.createNativeQuery("select action from audit_event where target_id = :t").setParameter("t",
                target.toString()).getResultList();
    }
}
