package io.innkeeper.provisioning.driver;

/** A guest's serial console, open for one client: keyboard input goes in here, output comes to a {@link ConsoleSink}. */
public interface ConsoleStream extends AutoCloseable {

    /** Sends keyboard input to the guest; {@link DriverException.Transient} when the console is gone. */
    void send(byte[] bytes);

    /** Closes the console; closing twice, or after the node ended it, changes nothing. */
    @Override
    void close();
}
