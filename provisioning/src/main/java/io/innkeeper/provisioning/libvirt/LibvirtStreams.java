package io.innkeeper.provisioning.libvirt;

import org.libvirt.LibvirtException;

import io.innkeeper.provisioning.driver.DiskReader;
import io.innkeeper.provisioning.driver.DriverException;

/**
 * libvirt streams of disk bytes, both ways, each call under its connection's lock as every other call is: an upload
 * fed from a {@link DiskReader} to its end, and a download read as one. A stream that does not reach its end is
 * aborted, so the far side does not keep a half-sent volume as if it were whole; either way it is freed.
 */
final class LibvirtStreams {

    private static final int CHUNK = 1 << 18;

    private LibvirtStreams() {
    }

    /** Sees each chunk as it passes, before it is sent or handed on. */
    @FunctionalInterface
    interface Chunks {
        void seen(byte[] buffer, int length);
    }

    /** Sends everything {@code from} gives, then finishes the stream; {@code what} names the data in errors. */
    static void upload(LibvirtConnections connections, String uri, org.libvirt.Stream stream, DiskReader from,
            Chunks seen, String what) {
        boolean done = false;
        try {
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = from.read(buffer)) >= 0;) {
                seen.seen(buffer, n);
                for (int sent = 0; sent < n;) {
                    byte[] rest = n == buffer.length && sent == 0 ? buffer
                            : java.util.Arrays.copyOfRange(buffer, sent, n);
                    int wrote = connections.with(uri, connect -> stream.send(rest));
                    if (wrote <= 0) {
                        throw new DriverException.Transient(uri + " took no more of " + what, null);
                    }
                    sent += wrote;
                }
            }
            connections.with(uri, connect -> {
                stream.finish();
                return null;
            });
            done = true;
        } finally {
            release(connections, uri, stream, done);
        }
    }

    private static void release(LibvirtConnections connections, String uri, org.libvirt.Stream stream,
            boolean ended) {
        connections.with(uri, connect -> {
            if (!ended) {
                try {
                    stream.abort();
                } catch (LibvirtException ignored) {
                    // Already broken; freeing it is all that is left.
                }
            }
            stream.free();
            return null;
        });
    }

    /**
     * A download read chunk by chunk. At its end {@code atEnd} runs (it may throw to refuse what was read, and the
     * last read throws with it); once closed, {@code after} runs, whether the end was reached or not.
     */
    static final class Reader implements DiskReader {

        private final LibvirtConnections connections;
        private final String uri;
        private final org.libvirt.Stream stream;
        private final Chunks seen;
        private final Runnable atEnd;
        private final Runnable after;
        private boolean ended;

        Reader(LibvirtConnections connections, String uri, org.libvirt.Stream stream, Chunks seen, Runnable atEnd,
                Runnable after) {
            this.connections = connections;
            this.uri = uri;
            this.stream = stream;
            this.seen = seen;
            this.atEnd = atEnd;
            this.after = after;
        }

        /** A plain download: nothing watches the chunks, nothing runs at the end or after. */
        Reader(LibvirtConnections connections, String uri, org.libvirt.Stream stream) {
            this(connections, uri, stream, (b, n) -> {
            }, () -> {
            }, () -> {
            });
        }

        @Override
        public int read(byte[] buffer) {
            if (ended) {
                return -1;
            }
            int got = connections.with(uri, connect -> stream.receive(buffer));
            if (got > 0) {
                seen.seen(buffer, got);
                return got;
            }
            ended = true;
            connections.with(uri, connect -> {
                stream.finish();
                return null;
            });
            atEnd.run();
            return -1;
        }

        @Override
        public void close() {
            try {
                release(connections, uri, stream, ended);
            } finally {
                after.run();
            }
        }
    }
}
