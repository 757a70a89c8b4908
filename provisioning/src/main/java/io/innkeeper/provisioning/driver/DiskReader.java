package io.innkeeper.provisioning.driver;

/**
 * A guest's disk being read off its node, start to end, for an offline move to another node. Whoever opened it
 * closes it; a reader closed before its end leaves the disk on its node as it was.
 */
public interface DiskReader extends AutoCloseable {

    /** Reads up to {@code buffer.length} bytes into the start of the buffer; -1 at the end of the disk. */
    int read(byte[] buffer);

    @Override
    void close();
}
