package io.innkeeper.provisioning.libvirt;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;
import org.libvirt.jna.DomainPointer;
import org.libvirt.jna.SizeT;
import org.libvirt.jna.StreamPointer;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import io.innkeeper.provisioning.driver.ConsoleSink;
import io.innkeeper.provisioning.driver.ConsoleStream;
import io.innkeeper.provisioning.driver.DriverException;

/**
 * A guest's console joined through libvirt ({@code virDomainOpenConsole}) on the node's own connection, so a
 * remote node needs no other port. The Java bindings (0.5.4) have no console call and cannot read a non-blocking
 * stream, so those calls are made through JNA on the bindings' handles, as {@link LibvirtExtras} does. The stream is
 * non-blocking and read when {@link LibvirtEvents}' loop says it is readable; keyboard input is sent from the
 * caller's thread. {@code VIR_DOMAIN_CONSOLE_FORCE} takes the console over from any other client.
 */
final class LibvirtConsole implements ConsoleStream {

    private static final Logger LOG = Logger.getLogger(LibvirtConsole.class);

    private static final int CONSOLE_FORCE = 1;
    private static final int EVENT_READABLE = 1;
    private static final int EVENT_ERROR = 4;
    private static final int EVENT_HANGUP = 8;
    private static final int WOULD_BLOCK = -2;
    private static final int VIR_ERR_NO_SUPPORT = 3;
    private static final int VIR_ERR_INVALID_ARG = 8;
    private static final int VIR_ERR_OPERATION_INVALID = 55;
    private static final int VIR_ERR_OPERATION_UNSUPPORTED = 84;
    /** How long a send may wait for room in the stream before the console counts as gone. */
    private static final long SEND_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    interface Virt extends Library {
        int virDomainOpenConsole(DomainPointer domain, String device, StreamPointer stream, int flags);

        int virStreamRecv(StreamPointer stream, byte[] data, SizeT length);

        int virStreamSend(StreamPointer stream, byte[] data, SizeT length);

        int virStreamEventAddCallback(StreamPointer stream, int events, StreamEvents callback, Pointer opaque,
                Pointer free);

        int virStreamEventRemoveCallback(StreamPointer stream);

        int virStreamAbort(StreamPointer stream);

        int virGetLastErrorCode();

        String virGetLastErrorMessage();
    }

    /** libvirt's {@code virStreamEventCallback}. */
    interface StreamEvents extends Callback {
        void invoke(StreamPointer stream, int events, Pointer opaque);
    }

    private static final Virt VIRT = Native.load("virt", Virt.class);
    private static final Field STREAM_HANDLE = streamHandle();

    private final String where;
    private final Stream stream;
    private final StreamPointer handle;
    private final ConsoleSink sink;
    private final AtomicBoolean over = new AtomicBoolean();
    private final byte[] buffer = new byte[64 * 1024];
    /** Held here so that JNA's callback object lives as long as libvirt may call it. */
    private final StreamEvents events = (s, what, opaque) -> readable(what);

    private LibvirtConsole(String where, Stream stream, ConsoleSink sink) {
        this.where = where;
        this.stream = stream;
        this.handle = handle(stream);
        this.sink = sink;
    }

    /** Opens the running domain's console on {@code connect}; called under the connection's lock. */
    static ConsoleStream open(String uri, Connect connect, UUID guestId, ConsoleSink sink) throws LibvirtException {
        Domain domain = connect.domainLookupByUUID(guestId);
        try {
            if ("TEST".equalsIgnoreCase(connect.getType())) {
                throw new DriverException.Unsupported(uri + ": libvirt's test driver has no consoles", null);
            }
            if (domain.isActive() == 0) {
                throw new DriverException.Conflict("guest " + guestId + " is not running", null);
            }
            LibvirtConsole console = new LibvirtConsole(uri + " guest " + guestId,
                    connect.streamNew(Stream.VIR_STREAM_NONBLOCK), sink);
            try {
                console.join(domain);
            } catch (RuntimeException e) {
                console.release();
                throw e;
            }
            return console;
        } finally {
            domain.free();
        }
    }

    private void join(Domain domain) {
        DomainPointer pointer = LibvirtExtras.handle(domain);
        int opened = VIRT.virDomainOpenConsole(pointer, null, handle, CONSOLE_FORCE);
        if (opened < 0 && VIRT.virGetLastErrorCode() == VIR_ERR_INVALID_ARG) {
            // libvirt's LXC driver takes no flags: its console has no other client to take over from.
            opened = VIRT.virDomainOpenConsole(pointer, null, handle, 0);
        }
        if (opened < 0) {
            int code = VIRT.virGetLastErrorCode();
            String message = where + ": cannot open the console: " + VIRT.virGetLastErrorMessage();
            throw switch (code) {
                case VIR_ERR_NO_SUPPORT, VIR_ERR_OPERATION_UNSUPPORTED -> new DriverException.Unsupported(message, null);
                case VIR_ERR_OPERATION_INVALID -> new DriverException.Conflict(message, null);
                default -> new DriverException.Transient(message, null);
            };
        }
        if (VIRT.virStreamEventAddCallback(handle, EVENT_READABLE | EVENT_ERROR | EVENT_HANGUP, events, null,
                null) < 0) {
            VIRT.virStreamAbort(handle);
            throw new DriverException.Unsupported(where + ": the console cannot be watched (no libvirt event loop): "
                    + VIRT.virGetLastErrorMessage(), null);
        }
    }

    /** On the event loop's thread: reads everything there is, then ends the console if the node did. */
    private void readable(int what) {
        if (over.get()) {
            return;
        }
        while (true) {
            int got = VIRT.virStreamRecv(handle, buffer, new SizeT(buffer.length));
            if (got > 0) {
                sink.output(Arrays.copyOf(buffer, got));
            } else if (got == WOULD_BLOCK) {
                if ((what & (EVENT_ERROR | EVENT_HANGUP)) != 0) {
                    end("The server's host closed the console.");
                }
                return;
            } else if (got == 0) {
                end("The console closed: the server stopped, or its console was opened somewhere else.");
                return;
            } else {
                end("The console closed: " + VIRT.virGetLastErrorMessage());
                return;
            }
        }
    }

    private void end(String reason) {
        if (over.compareAndSet(false, true)) {
            VIRT.virStreamEventRemoveCallback(handle);
            VIRT.virStreamAbort(handle);
            sink.ended(reason);
            // Freed off the loop's thread: a stream is not freed from inside its own callback.
            Thread.startVirtualThread(this::free);
        }
    }

    @Override
    public void send(byte[] bytes) {
        if (over.get()) {
            throw new DriverException.Transient(where + ": the console is closed", null);
        }
        long deadline = System.nanoTime() + SEND_LIMIT_NANOS;
        int sent = 0;
        while (sent < bytes.length) {
            byte[] rest = sent == 0 ? bytes : Arrays.copyOfRange(bytes, sent, bytes.length);
            int n = VIRT.virStreamSend(handle, rest, new SizeT(rest.length));
            if (n > 0) {
                sent += n;
            } else if (n == WOULD_BLOCK && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            } else {
                throw new DriverException.Transient(where + ": the console took no input: "
                        + (n == WOULD_BLOCK ? "full for 5 s" : VIRT.virGetLastErrorMessage()), null);
            }
        }
    }

    @Override
    public void close() {
        if (over.compareAndSet(false, true)) {
            release();
        }
    }

    private void release() {
        VIRT.virStreamEventRemoveCallback(handle);
        VIRT.virStreamAbort(handle);
        free();
    }

    private void free() {
        try {
            stream.free();
        } catch (LibvirtException e) {
            LOG.debugf("freeing the console stream of %s: %s", where, e.getMessage());
        }
    }

    private static StreamPointer handle(Stream stream) {
        try {
            return (StreamPointer) STREAM_HANDLE.get(stream);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("libvirt bindings changed: no stream handle", e);
        }
    }

    private static Field streamHandle() {
        try {
            Field field = Stream.class.getDeclaredField("vsp");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("libvirt bindings changed: no Stream.vsp", e);
        }
    }
}
