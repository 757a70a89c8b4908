package io.innkeeper.provisioning.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;

class JobTracingTest {

    private static final SpanContext REQUEST = SpanContext.create("0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());

    @Test
    void aJobStoresTheRequestsSpanAndItsRunContinuesThatTrace() {
        String stored;
        try (Scope request = Span.wrap(REQUEST).makeCurrent()) {
            stored = JobTracing.traceParent().orElseThrow();
        }
        assertThat(stored).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        SpanContext parent = Span.fromContext(JobTracing.parent(stored)).getSpanContext();
        assertThat(parent.getTraceId()).isEqualTo(REQUEST.getTraceId());
        assertThat(parent.getSpanId()).isEqualTo(REQUEST.getSpanId());
        assertThat(parent.isSampled()).isTrue();
        assertThat(parent.isRemote()).isTrue();
    }

    @Test
    void withTracingOffNothingIsStoredAndARunStartsItsOwnTrace() {
        assertThat(JobTracing.traceParent()).isEmpty();
        assertThat(Span.fromContext(JobTracing.parent(null)).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(JobTracing.parent("garbage")).getSpanContext().isValid()).isFalse();
    }
}
