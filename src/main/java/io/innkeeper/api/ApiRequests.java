package io.innkeeper.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
     * text longer than any form field is cut off here.
     */
    public record CreateServer(@Bounded(max = ORDER_TEXT_MAX) String hostname, UUID region, UUID plan, UUID template,
            @Bounded(max = ORDER_TEXT_MAX) String guestType, @Bounded(max = ORDER_TEXT_MAX) String externalRef,
            UUID account, List<UUID> sshKeys) {
    }

    public record ResetPassword(@Bounded(max = 128) String password) {

        /** The refusal of a new root password, naming this body's {@code password} where it said rootPassword. */
        static InvalidInput inApiNames(InvalidInput refused) {
            FieldErrors named = new FieldErrors();
            refused.errors().asMap().forEach((field, message) -> named.add(field.equals("rootPassword") ? "password"
                    : field, message));
            return new InvalidInput(named);
        }
    }

    public record Reinstall(UUID template) {
    }

    public record Resize(UUID plan) {
    }

    public record Rename(String hostname) {
    }

    public record NewSnapshot(String name) {
    }

    /** The reverse DNS (PTR) name of one address, such as mail.example.com. */
    public record ReverseDns(String ptr) {
    }

    public record NewSshKey(String name, @Bounded(max = 16 * 1024, multiLine = true) String publicKey) {
    }

    public record NewToken(String name, TokenScope scope, UUID subAccount, Instant expiresAt, List<String> allowedIps) {
    }

    public record NewSubAccount(String name, String externalRef) {
    }

    public record NewInvitation(@Bounded(max = 254) String email, @Bounded(max = 20) String role) {
    }

    public record RenameSubAccount(@Bounded(max = 200) String name) {
    }

    public record Suspend(@Bounded(max = 1000) String reason) {
    }

    public record NewWebhook(@Bounded(max = 2000) String url) {
    }

    /** A quota; the running limits may be left out (they then equal the totals). */
    public record Quota(Long servers, Long vcpus, Long memoryMib, Long diskGib, Long ipv4, Long snapshots,
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
