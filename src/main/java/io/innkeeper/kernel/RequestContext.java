package io.innkeeper.kernel;

import java.util.Optional;

import org.jboss.logging.MDC;

/**
 * The id of the request being served, as the log context holds it (set by the web layer's RequestIds). Work that
 * outlives the request, such as a job, takes it along and puts it back while it runs, so its log lines carry it too.
 */
public final class RequestContext {

    /** The log context key; log lines print it as {@code rid=}. */
    public static final String MDC_KEY = "requestId";

    private RequestContext() {
    }

    public static Optional<String> requestId() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? Optional.empty() : Optional.of(id.toString());
    }

    /** Runs {@code work} with {@code requestId} in the log context (none: as it is), then restores what was there. */
    public static void with(String requestId, Runnable work) {
        if (requestId == null) {
            work.run();
            return;
        }
        Object before = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, requestId);
        try {
            work.run();
        } finally {
            if (before == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, before.toString());
            }
        }
    }
}
