package io.innkeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.channels.ClosedChannelException;

import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

/** A body the client stopped sending is the client's problem (400), not a failure of the panel (500). */
class ErrorPagesTest {

    @Test
    void aBodyCutOffIsABadRequestAndOtherFailuresStay500() {
        ErrorPages pages = new ErrorPages();
        pages.uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { UriInfo.class },
                (proxy, method, args) -> method.getName().equals("getPath") ? "/api/v1/servers/dry-run" : null);

        assertThat(pages.unexpected(new IOException(new ClosedChannelException())).getStatus()).isEqualTo(400);
        // As Vert.x reports a connection closed while its request body was still being read.
        assertThat(pages.unexpected(new IOException(new IOException(new io.vertx.core.http.HttpClosedException(
                "Connection was closed")))).getStatus()).isEqualTo(400);
        assertThat(pages.unexpected(new IllegalStateException("bug")).getStatus()).isEqualTo(500);
    }
}
