package io.innkeeper.portal.tenant;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.arc.Arc;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.SshKeys;
import io.innkeeper.api.ApiFixtures;
import io.innkeeper.audit.Actor;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.orders.OrderService;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * A tenant with one object of every kind the tenant portal's pages name by id, made through the real use cases, to
 * aim the isolation matrix at; and what of it the matrix must never show or change.
 */
@ApplicationScoped
public class IsolationVictims {

    static final QuotaLimits POOL = new QuotaLimits(200, 400, 2_000_000, 20_000, 200, 200, null, null, null);
    static final QuotaLimits ROOMY = new QuotaLimits(50, 100, 200_000, 2000, 50, 50, null, null, null);
    static final Duration SETTLE = Duration.ofSeconds(30);

    /** A tenant and its objects, with the words that would show if any of them leaked. */
    public record Victim(UUID tenant, String login, String tenantName, UUID server, String hostname, String snapshot,
            String address, UUID sshKey, String sshKeyName, String fingerprint, UUID token, String tokenName,
            String tokenPrefix, UUID member, String memberLogin, UUID invoice, String invoiceNumber, UUID invitation,
            UUID notification, UUID backup) {

        /** A bean of the running application, for a kind of object made on demand (see the matrix's kinds). */
        public <T> T bean(Class<T> type) {
            return Arc.container().select(type).get();
        }

        /** What no page may show to a caller outside the tenant's scope. */
        public List<String> traces() {
            List<String> out = new ArrayList<>(List.of(login, tenantName, hostname, snapshot, sshKeyName, fingerprint,
                    tokenName, tokenPrefix, memberLogin));
            if (invoiceNumber != null) {
                out.add(invoiceNumber);
            }
            return out;
        }
    }

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    OrderService orders;

    @Inject
    SshKeys keys;

    @Inject
    ApiTokens tokens;

    @Inject
    ApiFixtures api;

    @Inject
    BillingData billing;

    @Inject
    EntityManager em;

    /** The reseller owned by {@code login}, with a roomy pool, and its objects. */
    public Victim reseller(String login) {
        return objectsOf(tenant(login, TenantKind.RESELLER, null), login);
    }

    /** A customer owned by {@code login}, a reseller's when {@code reseller} is not null, and its objects. */
    public Victim customer(String login, UUID reseller) {
        return objectsOf(tenant(login, TenantKind.CUSTOMER, reseller), login);
    }

    /** The tenant owned by {@code login}, made on first use, with room for the objects (a reseller: its pool). */
    public UUID tenant(String login, TenantKind kind, UUID parent) {
        UUID tenant = fixtures.tenantOf(login, kind, parent);
        quotas.set(Actor.SYSTEM, tenant, kind == TenantKind.RESELLER ? POOL : ROOMY);
        return tenant;
    }

    private Victim objectsOf(UUID tenant, String login) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String hostname = Fixtures.hostname("victim-" + tag);
        UUID server = servers.order(tenant, fixtures.catalog(), hostname);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
        String snapshot = "snap-" + tag;
        orders.snapshot(Actor.SYSTEM, Scope.of(tenant), server, OrderService.SnapshotAction.CREATE, snapshot);
        await().atMost(SETTLE).until(() -> "READY".equals(snapshotState(server, snapshot))
                && servers.status(server) == GuestStatus.RUNNING);
        UUID backup = Arc.container().select(io.innkeeper.orders.backup.ServerBackups.class).get()
                .take(Actor.SYSTEM, Scope.of(tenant), server).id();
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
        String address = servers.addresses(server).getFirst();
        SshKeys.Key key = keys.add(Actor.SYSTEM, tenant, "key-" + tag, freshPublicKey("victim@" + tag));
        ApiTokens.Token token = tokens.create(Actor.SYSTEM, tenant,
                new ApiTokens.NewToken("token-" + tag, null, null, null, null)).token();
        String memberLogin = "member-" + tag;
        UUID member = fixtures.member(memberLogin, tenant, MemberRole.MEMBER);
        // The invoice that bills the tenant's servers: its own, or for a reseller's customer its reseller's.
        UUID invoice = api.invoice(tenant, YearMonth.of(2026, 1));
        String number = billing.string("select number_text from invoice where id = ?1", invoice);
        UUID invitation = Arc.container().select(io.innkeeper.tenancy.Invitations.class).get().invite(Actor.SYSTEM,
                new io.innkeeper.tenancy.Invitations.Authority.Admin(), tenant,
                io.innkeeper.testing.Mailbox.freshAddress("invitee-" + tag), "MEMBER").id();
        // The owner's notification that the server is ready, written with the job's end.
        await().atMost(SETTLE).until(() -> notificationOf(tenant) != null);
        return new Victim(tenant, login, tenantName(tenant), server, hostname, snapshot, address, key.id(),
                key.name(), key.fingerprint(), token.id(), token.name(), token.prefix(), member, memberLogin, invoice,
                number, invitation, notificationOf(tenant), backup);
    }

    @Transactional
    String snapshotState(UUID server, String name) {
        List<?> rows = em.createNativeQuery("select state from snapshot where guest_id = ?1 and name = ?2")
                .setParameter(1, server).setParameter(2, name).getResultList();
        return rows.isEmpty() ? null : String.valueOf(rows.getFirst());
    }

    @Transactional
    UUID notificationOf(UUID tenant) {
        List<?> rows = em.createNativeQuery("select id from notification where tenant_id = ?1 order by seq limit 1")
                .setParameter(1, tenant).getResultList();
        return rows.isEmpty() ? null : (UUID) rows.getFirst();
    }

    @Transactional
    String tenantName(UUID tenant) {
        return String.valueOf(em.createNativeQuery("select name from tenant where id = ?1").setParameter(1, tenant)
                .getSingleResult());
    }

    /**
     * Everything of the victim a request could change, as one text: its tenant, servers with their state, jobs,
     * snapshots, reverse DNS, SSH keys, tokens, members, quota and the invoice. Equal before and after means
     * unchanged.
     */
    @Transactional
    public String state(Victim v) {
        return String.valueOf(em.createNativeQuery("""
                select concat_ws(' | ',
                  (select concat_ws(',', name, kind, parent_id) from tenant where id = :t),
                  (select string_agg(concat_ws(',', s.id, s.hostname, s.plan_id, s.template_id, s.deleted_at,
                      g.status), ';' order by s.id) from server s join guest g on g.id = s.id where s.tenant_id = :t),
                  (select count(*) from job j join server s on s.id = j.guest_id where s.tenant_id = :t),
                  (select string_agg(concat_ws(',', n.name, n.state), ';' order by n.name)
                      from snapshot n where n.guest_id = :s),
                  (select string_agg(concat_ws(',', b.id, b.state), ';' order by b.id)
                      from guest_backup b where b.guest_id = :s),
                  (select string_agg(concat_ws(',', r.address, r.ptr), ';' order by r.address)
                      from reverse_dns r where r.server_id = :s),
                  (select string_agg(concat_ws(',', k.id, k.name), ';' order by k.id) from ssh_key k
                      where k.tenant_id = :t),
                  (select string_agg(concat_ws(',', a.id, a.name, a.revoked_at, a.expires_at), ';' order by a.id)
                      from api_token a where a.owner_tenant = :t),
                  (select string_agg(concat_ws(',', m.id, m.login, m.role), ';' order by m.id)
                      from membership m where m.tenant_id = :t),
                  (select concat_ws(',', q.max_servers, q.max_vcpus, q.max_memory_mib, q.max_disk_gib, q.max_ipv4,
                      q.max_snapshots) from quota q where q.tenant_id = :t),
                  (select concat_ws(',', i.total, i.paid) from invoice i where i.id = :i),
                  (select string_agg(concat_ws(',', n.id, n.read_at), ';' order by n.id)
                      from notification n where n.tenant_id = :t),
                  (select string_agg(concat_ws(',', c.login, c.topic, c.mail), ';' order by c.login, c.topic)
                      from notification_choice c where c.login = :l))
                """).setParameter("t", v.tenant()).setParameter("s", v.server()).setParameter("i", v.invoice())
                .setParameter("l", v.login()).getSingleResult());
    }

    /** A new ed25519 public key line, so every victim's key is its own. */
    static String freshPublicKey(String comment) {
        try {
            byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
            out.writeInt(type.length);
            out.write(type);
            out.writeInt(raw.length);
            out.write(raw);
            return "ssh-ed25519 " + Base64.getEncoder().encodeToString(bytes.toByteArray()) + " " + comment;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
