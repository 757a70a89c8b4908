package io.innkeeper.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.TokenResource;
import io.innkeeper.account.TokenScope;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Text;
import io.innkeeper.quota.QuotaLimits;

/**
 * The bodies API operations take, read strictly by {@link ApiJson}. Every text field is bounded where it is read:
 * at most {@link #TEXT_MAX} characters of one line, unless its {@link Bounded} says otherwise (see {@link Text}).
 */
public final class ApiRequests {

    /** The most characters a text field takes when its {@link Bounded} does not say. */
    public static final int TEXT_MAX = 255;

    /** The bound of a field that names a region, plan or template by id or code. */
    static final int REF_MAX = 64;

    /** How a region, plan or template is named in a request. */
    static final String REF = "Its id, or its stable code (a plan's code names its current version).";

    /** The bound of an order's text fields (see {@link CreateServer}). */
    static final int ORDER_TEXT_MAX = 1000;

    private ApiRequests() {
    }

    /** The bounds of one text field (or of each text in a list field). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT })
    public @interface Bounded {

        /** At most this many characters. */
        int max();

        /** Whether tab, line feed and carriage return are allowed. */
        boolean multiLine() default false;
    }

    /** The most characters a text field (or each text of a list field) takes: its {@link Bounded}, or the default. */
    static int maxLength(Bounded bounds) {
        return bounds == null ? TEXT_MAX : bounds.max();
    }

    /**
     * An order. {@code account} lets a reseller order for one of its customers. Its text fields are bounded well above
     * what PlaceServer takes, so that an order the form could send gets PlaceServer's own words on both adapters; only
     * text longer than any form field is cut off here. The user data is bounded by the body's own limit only, so
     * that PlaceServer names its limit (64 KiB of #cloud-config) whatever fits in a body.
     */
    public record CreateServer(@Schema(required = true) @Bounded(max = ORDER_TEXT_MAX) String hostname,
            @Schema(required = true, description = REF) @Bounded(max = REF_MAX) String region,
            @Schema(required = true, description = REF) @Bounded(max = REF_MAX) String plan,
            @Schema(required = true, description = REF) @Bounded(max = REF_MAX) String template,
            @Bounded(max = ORDER_TEXT_MAX) String guestType, @Bounded(max = ORDER_TEXT_MAX) String externalRef,
            UUID account, List<UUID> sshKeys,
            @Schema(description = "A #cloud-config document the server runs at its first boot (cloud-init), at most "
                    + "64 KiB") @Bounded(max = ApiEdge.MAX_BYTES, multiLine = true) String userData,
            @Schema(description = "The root password to set, 12 to 128 characters; never shown again")
            @Bounded(max = ORDER_TEXT_MAX) String rootPassword) {

        /** Never prints the root password. */
        @Override
        public String toString() {
            return "CreateServer[hostname=" + hostname + ", region=" + region + ", plan=" + plan + ", template="
                    + template + ", guestType=" + guestType + ", externalRef=" + externalRef + ", account=" + account
                    + ", sshKeys=" + sshKeys + ", userData=" + (userData == null ? "" : userData.length()
                    + " characters") + ", rootPassword=" + (rootPassword == null ? "" : "***") + "]";
        }
    }

    /**
     * What {@code POST /api/v1/servers/{id}/actions/{action}} takes, for the document: each action reads only its
     * own field ({@link Resize}, {@link Reinstall}, {@link Rename}, {@link ResetPassword}) and refuses the others;
     * start, stop, reboot and power-off take no body or {}.
     */
    @Schema(description = "resize takes plan; reinstall takes template (else the server's own); rename takes "
            + "hostname; reset-password takes password; start, stop, reboot and power-off take no body or {}. An "
            + "action refuses the fields of the others.")
    public record ServerAction(@Schema(description = REF) String plan, @Schema(description = REF) String template,
            String hostname, @Bounded(max = 128) String password) {
    }

    public record ResetPassword(@Schema(required = true) @Bounded(max = 128) String password) {

        /** The refusal of a new root password, naming this body's {@code password} where it said rootPassword. */
        static InvalidInput inApiNames(InvalidInput refused) {
            FieldErrors named = new FieldErrors();
            refused.errors().asMap().forEach((field, message) -> named.add(field.equals("rootPassword") ? "password"
                    : field, message));
            return new InvalidInput(named);
        }
    }

    public record Reinstall(@Schema(description = REF) @Bounded(max = REF_MAX) String template) {
    }

    public record Resize(@Schema(required = true, description = REF) @Bounded(max = REF_MAX) String plan) {
    }

    public record Rename(@Schema(required = true) String hostname) {
    }

    public record NewSnapshot(@Schema(required = true) String name) {
    }

    /** A new server made from a backup: its name; plan, template and region are the backed-up server's. */
    public record RestoreToNew(@Schema(required = true) @Bounded(max = ORDER_TEXT_MAX) String hostname) {
    }

    /** Automatic backups asked for: {@code every} OFF, DAILY or WEEKLY; {@code hourUtc} 0 to 23 (UTC), unless OFF. */
    public record BackupSchedule(@Schema(required = true) String every, @Schema(nullable = true) Integer hourUtc) {
    }

    /** The reverse DNS (PTR) name of one address, such as mail.example.com. */
    public record ReverseDns(@Schema(required = true) String ptr) {
    }

    public record PaymentLink(Boolean saveCard) {
    }

    public record TopUp(@Schema(required = true) @Bounded(max = 20) String amount, Boolean saveCard) {
    }

    public record NewSshKey(@Schema(required = true) String name,
            @Schema(required = true) @Bounded(max = 16 * 1024, multiLine = true) String publicKey) {
    }

    /**
     * A token: {@code resources} narrows it to some of SERVERS, BILLING and ACCOUNTS (left out: all of them);
     * {@code bootstrap} makes a token that mints one token and is used up (owners only).
     */
    public record NewToken(@Schema(required = true) String name, TokenScope scope, UUID subAccount,
            Instant expiresAt, List<String> allowedIps, Set<TokenResource> resources, Boolean bootstrap) {

        ApiTokens.NewToken asNewToken() {
            return new ApiTokens.NewToken(name, scope, subAccount, expiresAt, allowedIps, resources,
                    Boolean.TRUE.equals(bootstrap));
        }
    }

    public record NewSubAccount(@Schema(required = true) String name, String externalRef) {
    }

    public record NewInvitation(@Schema(required = true) @Bounded(max = 254) String email,
            @Schema(required = true) @Bounded(max = 20) String role) {
    }

    public record RenameSubAccount(@Schema(required = true) @Bounded(max = 200) String name) {
    }

    public record Suspend(@Schema(required = true) @Bounded(max = 1000) String reason) {
    }

    /** A webhook endpoint; {@code events} its filter (left out: every event). */
    public record NewWebhook(@Schema(required = true) @Bounded(max = 2000) String url,
            @Bounded(max = 100) List<String> events) {
    }

    /** The event types an endpoint takes; null for every event. */
    public record WebhookEvents(@Bounded(max = 100) List<String> events) {
    }

    /** How long the old secret keeps signing beside the new one, in seconds (left out: a day). */
    public record RotateSecret(Long graceSeconds) {
    }

    /** A quota; the running limits may be left out (they then equal the totals). */
    public record Quota(@Schema(required = true) Long servers, @Schema(required = true) Long vcpus,
            @Schema(required = true) Long memoryMib, @Schema(required = true) Long diskGib,
            @Schema(required = true) Long ipv4, @Schema(required = true) Long snapshots,
            Long runningServers, Long runningVcpus, Long runningMemoryMib) {

        /** The quota module's names of its limits, as this body names them. */
        private static final Map<String, String> API_NAMES = Map.of("memory", "memoryMib", "disk", "diskGib",
                "running_servers", "runningServers", "running_vcpus", "runningVcpus", "running_memory",
                "runningMemoryMib");

        private static final long MAX_COUNT = 100_000;

        /** The quota module's refusal with each limit named as in this body ({@code memoryMib}, not memory). */
        static InvalidInput inApiNames(InvalidInput refused) {
            FieldErrors named = new FieldErrors();
            refused.errors().asMap().forEach((field, message) -> named.add(API_NAMES.getOrDefault(field, field),
                    message));
            return new InvalidInput(named);
        }
        private static final long MAX_MIB = 1L << 40;

        QuotaLimits limits() {
            FieldErrors errors = new FieldErrors();
            int s = (int) required(errors, "servers", servers, MAX_COUNT);
            int v = (int) required(errors, "vcpus", vcpus, MAX_COUNT);
            long m = required(errors, "memoryMib", memoryMib, MAX_MIB);
            long d = required(errors, "diskGib", diskGib, MAX_MIB);
            int ip = (int) required(errors, "ipv4", ipv4, MAX_COUNT);
            int snap = (int) required(errors, "snapshots", snapshots, MAX_COUNT);
            Long rs = optional(errors, "runningServers", runningServers, MAX_COUNT);
            Long rv = optional(errors, "runningVcpus", runningVcpus, MAX_COUNT);
            Long rm = optional(errors, "runningMemoryMib", runningMemoryMib, MAX_MIB);
            errors.throwIfAny();
            return new QuotaLimits(s, v, m, d, ip, snap, rs == null ? null : rs.intValue(),
                    rv == null ? null : rv.intValue(), rm);
        }

        private static long required(FieldErrors errors, String field, Long value, long max) {
            if (value == null) {
                errors.add(field, "Required: a whole number from 0 to " + max + ".");
                return 0;
            }
            return optional(errors, field, value, max);
        }

        private static Long optional(FieldErrors errors, String field, Long value, long max) {
            if (value != null && (value < 0 || value > max)) {
                errors.add(field, "Out of range: a whole number from 0 to " + max + ".");
                return 0L;
            }
            return value;
        }
    }
}
