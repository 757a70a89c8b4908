package io.innkeeper.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.SshKeys;
import io.innkeeper.account.SubAccounts;
import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.kernel.Money;
import io.innkeeper.orders.ServerInfo;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.provisioning.job.JobHistory;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.provisioning.template.OsTemplates;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.Usage;

/** What the API answers: plain records, so the JSON shape is visible in one place. */
public final class ApiViews {

    private ApiViews() {
    }

    /** A page of a list and the cursor of the next page (null on the last page). */
    public record Page<T>(List<T> items, @Schema(nullable = true) String nextCursor) {
    }

    /** A page of servers, as {@code GET /api/v1/servers} answers it (named for the OpenAPI document). */
    public record ServerPage(List<ServerView> items, @Schema(nullable = true) String nextCursor) {
    }

    public record Price(String amount, String currency) {
        static Price of(Money money) {
            return money == null ? null : new Price(money.amount().toPlainString(), money.currency().getCurrencyCode());
        }
    }

    public record AccountView(UUID id, String name, String kind, String status, @Schema(nullable = true) UUID parent,
            String currency, String timeZone, @Schema(nullable = true) String externalRef, Instant createdAt, QuotaLimits quota, Usage usage,
            Usage remaining) {
    }

    public record SubAccountView(UUID id, String name, String status, @Schema(nullable = true) String externalRef,
            Instant createdAt) {
        static SubAccountView of(SubAccounts.Account a) {
            return new SubAccountView(a.id(), a.name(), a.status().name(), a.externalRef(), a.createdAt());
        }
    }

    public record InvitationView(UUID id, UUID account, String email, String role, String invitedBy,
            Instant sentAt, Instant expiresAt, String state) {
        static InvitationView of(io.innkeeper.tenancy.Invitations.Sent i) {
            return new InvitationView(i.id(), i.tenantId(), i.email(), i.role().name(), i.invitedBy(), i.sentAt(),
                    i.expiresAt(), i.state().name());
        }
    }

    public record RegionView(UUID id, String code, String name) {
        static RegionView of(Nodes.RegionRow r) {
            return new RegionView(r.id(), r.code(), r.name());
        }
    }

    /**
     * A plan version. {@code onSale} is false for a version an edit replaced ({@code retiredAt} says when; servers
     * keep it, and it stays readable by id) or a plan taken off sale. {@code availableIn} lists the codes of the
     * regions where one more server of it fits now, the caller's quota and the platform's room both (see
     * {@code GET /api/v1/stock}); empty for a version not on sale.
     */
    public record PlanView(UUID id, String code, int version, String name, List<String> guestTypes, int vcpus,
            int memoryMib, int diskGib, int trafficGb, Price hourly, Price monthly, boolean onSale,
            @Schema(nullable = true) Instant retiredAt, List<String> availableIn) {
        static PlanView of(PlanCatalog.PlanOnSale p, boolean onSale, Instant retiredAt, List<String> availableIn) {
            return new PlanView(p.id(), p.code(), p.version(), p.name(), p.guestTypes(), p.vcpus(), p.memoryMib(),
                    p.diskGib(), p.trafficGb(), Price.of(p.hourly()), Price.of(p.monthly()), onSale, retiredAt,
                    availableIn);
        }
    }

    /** An operating system template; {@code onSale} false for one no longer offered (read by id or code only). */
    public record TemplateView(UUID id, String code, String name, List<String> guestTypes, boolean onSale) {
        static TemplateView of(OsTemplates.TemplateOnSale t) {
            return new TemplateView(t.id(), t.code(), t.name(), t.guestTypes(), true);
        }

        static TemplateView of(OsTemplates.TemplateRow t) {
            return new TemplateView(t.id(), t.code(), t.name(), java.util.Arrays.stream(t.guestTypes().split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList(), t.onSale());
        }
    }

    /**
     * What can be ordered now, per region and plan on sale: {@code fits} when one more server fits both the caller's
     * quota and the platform's room; each side says whether one more fits and how many more would, counted up to
     * {@code countUpTo} (so {@code more} equal to it means at least that many). Read at {@code readAt} and kept a few
     * seconds; nothing is reserved, the order decides.
     */
    public record StockView(List<StockLine> items, Instant readAt, long countUpTo) {
        static StockView of(io.innkeeper.orders.Stock.Answer a) {
            return new StockView(a.items().stream().map(l -> new StockLine(new Ref(l.region().id(),
                    l.region().code()), new Ref(l.plan().id(), l.plan().code()), l.fits(),
                    new StockSide(l.quota().fits(), l.quota().more()),
                    new StockSide(l.platform().fits(), l.platform().more()))).toList(), a.readAt(), a.countUpTo());
        }
    }

    public record StockLine(Ref region, Ref plan, boolean fits, StockSide quota, StockSide platform) {
    }

    public record StockSide(boolean fits, long more) {
    }

    public record Ref(UUID id, String code) {
    }

    /** A server; {@code deletedAt} is null but in the list of deleted servers ({@code status=DELETED}). */
    public record ServerView(UUID id, String hostname, String status, UUID account, Ref region, Ref plan,
            Ref template, int vcpus, int memoryMib, int diskGib, @Schema(nullable = true) String externalRef,
            List<String> addresses, Instant createdAt, @Schema(nullable = true) Instant deletedAt) {
        static ServerView of(ServerInfo.Detail s) {
            return new ServerView(s.id(), s.hostname(), s.status().name(), s.account(),
                    new Ref(s.region().id(), s.region().code()), new Ref(s.plan().id(), s.plan().code()),
                    new Ref(s.template().id(), s.template().code()), s.vcpus(), s.memoryMib(), s.diskGib(),
                    s.externalRef(), s.addresses().stream().map(Address::address).toList(), s.createdAt(), null);
        }
    }

    /**
     * The end of a server's serial console log: {@code text} cleaned of terminal escapes and control characters
     * (from the first whole line when {@code truncated}), {@code totalBytes} the whole log's size. {@code state} is
     * SHOWN (there is text), EMPTY (nothing printed yet) or NOT_ON_NODE (being created or deleted).
     */
    public record ConsoleView(String text, long totalBytes, boolean truncated, Instant readAt, String state) {
        static ConsoleView of(io.innkeeper.orders.ServerConsole c) {
            return new ConsoleView(c.text(), c.totalBytes(), c.truncated(), c.readAt(), c.state().name());
        }
    }

    /**
     * A console ticket and the WebSocket that takes it; the ticket is shown this once. {@code type} is the
     * console's: {@code serial} (text) or {@code vnc} (the screen, RFB in binary messages, for noVNC).
     */
    public record ConsoleTicketView(String ticket, String url, Instant expiresAt, String type) {
        static ConsoleTicketView of(io.innkeeper.orders.console.ConsoleTickets.Ticket t, java.net.URI base) {
            String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
            return new ConsoleTicketView(t.ticket(), scheme + "://" + base.getRawAuthority()
                    + t.kind().socketPath(t.serverId()), t.expiresAt(), t.kind().wire());
        }
    }

    public record JobView(UUID id, @Schema(nullable = true) UUID server, String kind, String state, @Schema(nullable = true) String step,
            @Schema(nullable = true) String error, int attempts, Instant createdAt, @Schema(nullable = true) Instant finishedAt) {
        static JobView of(JobHistory.JobLine j) {
            return new JobView(j.id(), j.guestId(), j.kind().name(), j.state().name(), j.step(), j.error(),
                    j.attempts(), j.createdAt(), j.finishedAt());
        }
    }

    /** A long operation's answer (202): the job to follow, and the server where there is one. */
    public record Accepted(@Schema(nullable = true) ServerView server, JobView job) {
    }

    public record QuoteView(boolean fits, @Schema(nullable = true) String node, java.util.Map<String, String> refusals,
            @Schema(nullable = true) Price hourly, @Schema(nullable = true) Price monthly) {
    }

    public record SshKeyView(UUID id, UUID account, String name, String type, String fingerprint, String publicKey,
            Instant createdAt) {
        static SshKeyView of(SshKeys.Key k) {
            return new SshKeyView(k.id(), k.tenantId(), k.name(), k.keyType(), k.fingerprint(), k.publicKey(),
                    k.createdAt());
        }
    }

    /** A token; {@code resources} null when it reaches all of them. */
    public record TokenView(UUID id, String name, String prefix, String scope, UUID account, List<String> allowedIps,
            Instant createdAt, @Schema(nullable = true) Instant expiresAt, @Schema(nullable = true) Instant revokedAt,
            @Schema(nullable = true) Instant lastUsedAt, @Schema(nullable = true) List<String> resources,
            boolean bootstrap) {
        static TokenView of(ApiTokens.Token t) {
            return new TokenView(t.id(), t.name(), t.prefix(), t.scope().name(), t.tenantId(), t.allowedIps(),
                    t.createdAt(), t.expiresAt(), t.revokedAt(), t.lastUsedAt(), t.allResources() ? null
                            : t.resources().stream().sorted().map(Enum::name).toList(), t.bootstrap());
        }
    }

    /** A new token with its secret, shown this once. */
    public record CreatedToken(TokenView token, String secret) {
    }

    public record SnapshotView(String name, String state, Instant createdAt) {
    }

    /** One of a server's addresses; {@code ptr} is null while the provider's default reverse DNS answers. */
    public record AddressView(String address, String family, int prefixLength, @Schema(nullable = true) String gateway,
            @Schema(nullable = true) String ptr) {
        static AddressView of(Address a, String ptr) {
            return new AddressView(a.address(), a.family() == 6 ? "ipv6" : "ipv4", a.prefixLength(), a.gateway(),
                    ptr);
        }
    }

    /**
     * An invoice; {@code lines} only when one invoice is read. Amounts are in the invoice's currency.
     * {@code paymentReference} is the ISO 11649 creditor reference to quote on a bank transfer.
     */
    public record InvoiceView(UUID id, String number, UUID account, String period, Instant periodStart,
            Instant periodEnd, String status, String currency, Price total, Price paid, Price outstanding,
            @Schema(nullable = true) Instant issuedAt, @Schema(nullable = true) Instant dueAt, @Schema(nullable = true) Instant paidAt,
            long trafficTxBytes, long trafficPoolBytes, @Schema(nullable = true) List<InvoiceLineView> lines, String pdf,
            @Schema(nullable = true) String paymentReference, Price net, TaxView tax, @Schema(nullable = true) String customerVatId) {
        static InvoiceView of(io.innkeeper.billing.invoice.InvoiceView i, Instant now, boolean withLines) {
            return new InvoiceView(i.id(), i.number(), i.tenantId(), i.period(), i.periodStart(), i.periodEnd(),
                    io.innkeeper.billing.invoice.InvoiceQueries.status(i, now).name(),
                    i.total().currency().getCurrencyCode(), Price.of(i.total()), Price.of(i.paid()),
                    Price.of(i.due()), i.issuedAt(), i.dueAt(), i.paidAt(), i.txBytes(), i.poolBytes(),
                    withLines ? i.lines().stream().map(InvoiceLineView::of).toList() : null,
                    "/api/v1/invoices/" + i.id() + "/pdf", i.paymentReference(), Price.of(i.tax().net()),
                    TaxView.of(i.tax()), i.customerVatId());
        }
    }

    /**
     * An invoice's VAT: {@code treatment} is NONE (no VAT charged by this deployment), DOMESTIC, EU_CONSUMER,
     * REVERSE_CHARGE or OUTSIDE_EU; {@code ratePercent} and {@code amount} are zero where none is charged, and
     * {@code note} says why.
     */
    public record TaxView(String treatment, @Schema(nullable = true) String country, String ratePercent, Price amount,
            @Schema(nullable = true) String note) {
        static TaxView of(io.innkeeper.billing.tax.TaxLine t) {
            return new TaxView(t.treatment().name(), t.country(), t.ratePercent().stripTrailingZeros().toPlainString(),
                    Price.of(t.tax()), t.note());
        }
    }

    public record InvoiceLineView(int position, String kind, String description, @Schema(nullable = true) UUID server,
            String quantity, String unit, Price unitPrice, Price amount, @Schema(nullable = true) Instant usageFrom,
            @Schema(nullable = true) Instant usageTo) {
        static InvoiceLineView of(io.innkeeper.billing.invoice.InvoiceView.LineView l) {
            return new InvoiceLineView(l.position(), l.kind(), l.description(), l.serverId(),
                    l.quantity().toPlainString(), l.unit(), Price.of(l.unitPrice()), Price.of(l.amount()),
                    l.usageFrom(), l.usageTo());
        }
    }

    /**
     * The caller's standing with its biller: what it owes (positive) or holds as prepaid credit (negative balance),
     * and how many invoices are overdue. A reseller's customer is billed by its reseller, not by the platform, so
     * its figures here stay zero and {@code billedBy} says so.
     */
    public record BalanceView(UUID account, String billedBy, Price balance, Price outstanding, Price credit,
            long overdueInvoices) {
    }

    /** The gateway's page where the customer pays; the payment is booked when the gateway confirms it. */
    public record PaymentLinkView(String url, Price amount) {
    }
}
