package io.innkeeper.provisioning;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.innkeeper.provisioning.driver.DriverException;

/**
 * A driver call a person waits for, bounded in time: it runs on a virtual thread, and a node that has not answered
 * by the limit is {@link DriverException.Transient} for the caller while the call is interrupted and left behind.
 */
public final class BoundedCall {

    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    private BoundedCall() {
    }

    public static <T> T within(Duration limit, Supplier<T> call) {
        Future<T> result = THREADS.submit(call::get);
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new DriverException.Transient("the node did not answer within " + limit.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new DriverException.Transient("interrupted while waiting for the node", e);
        }
    }
}
