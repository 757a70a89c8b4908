package io.innkeeper.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * The pages of servers this replica has written, each kept with its tenant's server-list version as read before the
 * page (V56: a fresh sequence value whenever anything a list of the tenant shows changes, bumped by the database at
 * commit, whoever writes). A page is served again only while that version is still the tenant's, which one
 * primary-key read tells: every replica answers current pages, with no message between them. Reading the version
 * before the page is what keeps it safe: a change committed in between makes the page newer than its version, so the
 * next request reads the page again; it never makes a stale page look current.
 *
 * <p>The version is also the page's ETag (hashed with the tenant and the query, so it tells nothing of the
 * platform's activity): a client that sends it back in {@code If-None-Match} gets 304 without the page being read.
 */
@Singleton
public class ServerPageCache {

    /** A page's identity: the statement and its parameters, the first of which is the scope's tenant. */
    record Key(String sql, List<Object> parameters) {
    }

    /** A written page and the version of its tenant read before it. */
    record Entry(long version, byte[] body) {
    }

    /**
     * Each statement text's SHA-256, so a tag hashes a statement (about 3 KB for a reseller's page) once, not on
     * every request: the texts are few (one per scope and set of filters given), and this bounds them anyway.
     */
    private static final Cache<String, byte[]> STATEMENT_DIGESTS = Caffeine.newBuilder().maximumSize(4096).build();

    private final Cache<Key, Entry> pages;

    private volatile boolean keeping;

    /** The reads under way, one per page: a request that finds its page being read waits for that read. */
    private final ConcurrentHashMap<Key, Reading> reading = new ConcurrentHashMap<>();

    private record Reading(long version, Future<byte[]> page) {
    }

    private final LongAdder servedAgain = new LongAdder();

    private final LongAdder shared = new LongAdder();

    private final LongAdder readAnew = new LongAdder();

    /**
     * Pages served again, pages that came from another request's read under way, and pages read anew, since start:
     * each request counts once, in one of them.
     */
    public record Counts(long servedAgain, long shared, long readAnew) {

        public Counts minus(Counts before) {
            return new Counts(servedAgain - before.servedAgain, shared - before.shared, readAnew - before.readAnew);
        }
    }

    @Inject
    public ServerPageCache(ApiConfig config) {
        this.pages = Caffeine.newBuilder().maximumWeight(0)
                // The body, the key's statement text, and about 200 bytes of objects around them.
                .weigher((Key key, Entry entry) -> entry.body().length + key.sql().length() + 200)
                .expireAfterAccess(Duration.ofMinutes(10)).build();
        keepUpTo(config.serverPageCacheMib());
    }

    /** How much memory the pages kept may take from now on; 0 keeps none (the benchmark's pages read anew). */
    public void keepUpTo(int mib) {
        pages.policy().eviction().orElseThrow().setMaximum(mib * 1024L * 1024L);
        keeping = mib > 0;
        if (!keeping) {
            pages.invalidateAll();
        }
    }

    /**
     * The page for the key at the tenant's version: the one kept, if it was read at that version; else the one
     * another request is reading at that version (after a change, the requests under way read the page once, not
     * once each); else {@code read}'s, kept for the next.
     */
    Future<byte[]> page(Key key, long version, Supplier<Future<byte[]>> read) {
        if (!keeping) {
            readAnew.increment();
            return call(read);
        }
        Entry entry = pages.getIfPresent(key);
        if (entry != null && entry.version() == version) {
            servedAgain.increment();
            return Future.succeededFuture(entry.body());
        }
        Promise<byte[]> promise = Promise.promise();
        Reading mine = new Reading(version, promise.future());
        Reading under = reading.compute(key, (k, now) -> now != null && now.version() == version ? now : mine);
        if (under != mine) {
            shared.increment();
            return under.page();
        }
        readAnew.increment();
        call(read).onComplete(done -> {
            if (done.succeeded() && keeping) {
                pages.put(key, new Entry(version, done.result()));
            }
            reading.remove(key, mine);
            promise.handle(done);
        });
        return promise.future();
    }

    private static Future<byte[]> call(Supplier<Future<byte[]>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** How many pages were served again, shared and read anew (tests tell them apart; the benchmark prints them). */
    public Counts counts() {
        return new Counts(servedAgain.sum(), shared.sum(), readAnew.sum());
    }

    /** The page's entity tag: its statement, parameters (the tenant first) and version, hashed. */
    static String etag(Key key, long version) {
        MessageDigest sha = sha256();
        sha.update(Long.toString(version).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(STATEMENT_DIGESTS.get(key.sql(), sql -> sha256().digest(sql.getBytes(StandardCharsets.UTF_8))));
        for (Object parameter : key.parameters()) {
            sha.update((byte) 0);
            sha.update(String.valueOf(parameter).getBytes(StandardCharsets.UTF_8));
        }
        return "\"" + HexFormat.of().formatHex(sha.digest(), 0, 16) + "\"";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether an {@code If-None-Match} header names this tag: a list of tags, weak ({@code W/}) or strong, compared
     * weakly as RFC 9110 says for this header, or {@code *} (the list exists).
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
