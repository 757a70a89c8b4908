package io.innkeeper.provisioning.job;

import java.util.Map;
import java.util.Optional;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * A job's place in the trace of the request that queued it: the request's span context is stored with the job as a
 * W3C {@code traceparent} and becomes the parent of the job's span when a worker runs it, on any replica and however
 * much later. With tracing off there is no valid span, so nothing is stored.
 */
final class JobTracing {

    private static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private JobTracing() {
    }

    /** The current span as a {@code traceparent}, when there is one. */
    static Optional<String> traceParent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return Optional.empty();
        }
        return Optional.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    }

    /** The context a job's span continues: the stored request's, or a new trace when none was stored. */
    static Context parent(String traceParent) {
        if (traceParent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceParent),
                GETTER);
    }
}
