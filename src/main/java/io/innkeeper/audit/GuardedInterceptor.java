package io.innkeeper.audit;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.innkeeper.kernel.Busy;

/** See {@link Guarded}. Its priority puts it outside the transaction interceptor. */
@Guarded
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class GuardedInterceptor {

    /** Nested guarded calls (a service calling another) must not take a second permit. */
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private final Semaphore permits;
    private final long waitMillis;

    @Inject
    Audit audit;

    @Inject
    public GuardedInterceptor(@ConfigProperty(name = "innkeeper.orders.concurrency", defaultValue = "16") int concurrency,
            @ConfigProperty(name = "innkeeper.orders.queue-wait-ms", defaultValue = "30000") long waitMillis) {
        this.permits = new Semaphore(concurrency, true);
        this.waitMillis = waitMillis;
    }

    @AroundInvoke
    Object guard(InvocationContext context) throws Exception {
        if (INSIDE.get()) {
            return context.proceed();
        }
        if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
            throw new Busy("The panel is handling many orders at once; try again in a few seconds.");
        }
        INSIDE.set(true);
        try {
            return context.proceed();
        } catch (Refused refused) {
            audit.refused(refused.actor(), refused.entry());
            throw refused;
        } finally {
            INSIDE.set(false);
            permits.release();
        }
    }
}
