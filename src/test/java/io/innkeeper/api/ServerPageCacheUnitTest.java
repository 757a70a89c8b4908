package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The page cache on its own, without a panel: a page's entity tag, If-None-Match, and reads shared. */
class ServerPageCacheUnitTest {

    private static final UUID TENANT = UUID.fromString("7a1e0000-0000-4000-8000-000000000001");

    @Test
    void aTagNamesTheStatementItsParametersTheTenantAmongThemAndTheVersion() {
        ServerPageCache.Key key = new ServerPageCache.Key("select 1", List.of(TENANT, 51));
        String tag = ServerPageCache.etag(key, 42);
        assertThat(tag).matches("\"[0-9a-f]{32}\"").isEqualTo(ServerPageCache.etag(key, 42));
        assertThat(ServerPageCache.etag(key, 43)).isNotEqualTo(tag);
        assertThat(ServerPageCache.etag(new ServerPageCache.Key("select 1", List.of(UUID.randomUUID(), 51)), 42))
                .isNotEqualTo(tag);
        assertThat(ServerPageCache.etag(new ServerPageCache.Key("select 2", List.of(TENANT, 51)), 42))
                .isNotEqualTo(tag);
        assertThat(ServerPageCache.etag(new ServerPageCache.Key("select 1", List.of(TENANT, 2)), 42))
                .isNotEqualTo(tag);
    }

    @Test
    void requestsForAPageBeingReadWaitForThatReadAndANewVersionIsReadAnew() {
        ServerPageCache cache = new ServerPageCache(config(1));
        ServerPageCache.Key key = new ServerPageCache.Key("select 1", List.of(TENANT));
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        io.vertx.core.Promise<byte[]> slow = io.vertx.core.Promise.promise();
        java.util.function.Supplier<io.vertx.core.Future<byte[]>> read = () -> {
            reads.incrementAndGet();
            return slow.future();
        };
        io.vertx.core.Future<byte[]> first = cache.page(key, 7, read);
        io.vertx.core.Future<byte[]> second = cache.page(key, 7, read);
        assertThat(reads).hasValue(1);
        slow.complete(new byte[] { 1 });
        assertThat(first.result()).containsExactly(1);
        assertThat(second.result()).containsExactly(1);
        assertThat(cache.page(key, 7, read).result()).containsExactly(1);
        assertThat(reads).hasValue(1);
        assertThat(cache.counts()).isEqualTo(new ServerPageCache.Counts(1, 1, 1));

        // Another version is read anew; a failed read is not kept, and the next request reads again.
        assertThat(cache.page(key, 8, () -> io.vertx.core.Future.failedFuture(new IllegalStateException("down")))
                .failed()).isTrue();
        assertThat(cache.page(key, 8, () -> io.vertx.core.Future.succeededFuture(new byte[] { 2 })).result())
                .containsExactly(2);
        assertThat(cache.page(key, 8, read).result()).containsExactly(2);
        assertThat(cache.counts()).isEqualTo(new ServerPageCache.Counts(2, 1, 3));
    }

    @Test
    void noPageIsKeptWhenTheCacheHasNoMemory() {
        ServerPageCache cache = new ServerPageCache(config(0));
        ServerPageCache.Key key = new ServerPageCache.Key("select 1", List.of(TENANT));
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 3; i++) {
            cache.page(key, 7, () -> io.vertx.core.Future.succeededFuture(new byte[] { (byte) reads.incrementAndGet() }));
        }
        assertThat(reads).hasValue(3);
        assertThat(cache.counts()).isEqualTo(new ServerPageCache.Counts(0, 0, 3));
    }

    private static ApiConfig config(int mib) {
        return new ApiConfig() {
            @Override
            public RateLimit rateLimit() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int serverPageCacheMib() {
                return mib;
            }
        };
    }

    @Test
    void ifNoneMatchComparesWeaklyAndTakesAListOrAStar() {
        String tag = "\"abc\"";
        assertThat(ServerPageCache.matches(tag, tag)).isTrue();
        assertThat(ServerPageCache.matches("W/\"abc\"", tag)).isTrue();
        assertThat(ServerPageCache.matches("\"x\", W/\"abc\"", tag)).isTrue();
        assertThat(ServerPageCache.matches("*", tag)).isTrue();
        assertThat(ServerPageCache.matches("\"abcd\"", tag)).isFalse();
        assertThat(ServerPageCache.matches("abc", tag)).isFalse();
        assertThat(ServerPageCache.matches("", tag)).isFalse();
        assertThat(ServerPageCache.matches(null, tag)).isFalse();
    }
}
