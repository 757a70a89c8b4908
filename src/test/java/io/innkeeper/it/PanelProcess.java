package io.innkeeper.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Innkeeper panel ({@code java -jar target/quarkus-app/quarkus-run.jar}) running as a child process of
 * the test, in the prod profile, with its own HTTP and management ports. Its console goes to
 * {@code target/it-logs/<name>.log}. {@link #close()} and {@link #kill()} end it with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux), so a test can also use {@link #kill()} to make it die abruptly in
 * the middle of its work: no shutdown hooks, no lease released, open transactions rolled back by PostgreSQL.
 */
public final class PanelProcess implements AutoCloseable {

    /** Where the packaged application is; failsafe sets it (see pom.xml). */
    public static final String APP_DIR_PROPERTY = "innkeeper.app.dir";

    private final String name;
    private final Process process;
    private final int httpPort;
    private final int managementPort;
    private final Path log;
    private final long startedNanos;

    /** Panels still running; a JVM that is stopped (Ctrl-C, failsafe timeout) takes them down with it. */
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "panel-process-reaper"));
    }

    private PanelProcess(String name, Process process, int httpPort, int managementPort, Path log) {
        this.name = name;
        this.process = process;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.log = log;
        this.startedNanos = System.nanoTime();
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The panel's pages, e.g. {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public URI readinessUri() {
        return URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
    }

    public Path log() {
        return log;
    }

    /**
     * Waits until the readiness check answers 200 (Flyway has migrated, the datasource answers). Fails at once
     * with the end of the log if the process exits, and after {@code timeout} otherwise.
     */
    public PanelProcess awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + " before it was ready; last lines of " + log + ":\n" + tail(60));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(readinessUri())
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + " (" + last + "); last lines of "
                + log + ":\n" + tail(60));
    }

    /** Seconds since this process was launched. */
    public double uptimeSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + pid() + ") still alive 15 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", http " + httpPort + ", management " + managementPort + ")";
    }

    /** A port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path appDir() {
        String dir = System.getProperty(APP_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = "target/quarkus-app";
        }
        Path path = Path.of(dir).toAbsolutePath();
        if (!Files.isRegularFile(path.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("no packaged application at " + path + " (set -D" + APP_DIR_PROPERTY
                    + " or run `mvn package` first)");
        }
        return path;
    }

    /** {@code target/it-logs}, beside the packaged application. */
    static Path logDir() {
        Path dir = appDir().getParent().resolve("it-logs");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How to start one panel. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private int httpPort;
        private int managementPort;

        private Builder(String name) {
            this.name = name;
            String kc = System.getenv().getOrDefault("INNKEEPER_OIDC_AUTH_SERVER_URL",
                    "http://127.0.0.1:8180/realms/innkeeper");
            env.put("INNKEEPER_OIDC_AUTH_SERVER_URL", kc);
            env.put("INNKEEPER_OIDC_SECRET", "innkeeper-dev-secret");
            // Readable log lines instead of JSON; both processes bind to loopback only.
            properties.put("quarkus.log.console.json.enabled", "false");
            properties.put("quarkus.http.host", "127.0.0.1");
            properties.put("quarkus.management.host", "127.0.0.1");
        }

        /** The database, as a JDBC URL with user and password. */
        public Builder database(String jdbcUrl, String user, String password) {
            env.put("INNKEEPER_DB_URL", jdbcUrl);
            env.put("INNKEEPER_DB_USER", user);
            env.put("INNKEEPER_DB_PASSWORD", password == null ? "" : password);
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** A {@code -Dkey=value} for the panel's JVM (Quarkus reads it as configuration). */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder ports(int http, int management) {
            this.httpPort = http;
            this.managementPort = management;
            return this;
        }

        /** Launches the process; call {@link PanelProcess#awaitReady} before using it. */
        public PanelProcess start() {
            int http = httpPort == 0 ? freePort() : httpPort;
            int mgmt = managementPort == 0 ? freePort() : managementPort;
            Path app = appDir();
            Path log = logDir().resolve(name + ".log");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // libvirt's Java bindings use JNA: JDK 22+ warns (and will refuse) without this.
            cmd.add("--enable-native-access=ALL-UNNAMED");
            cmd.add("--add-opens");
            cmd.add("java.base/java.lang=ALL-UNNAMED");
            cmd.add("-Xmx384m");
            cmd.add("-Dquarkus.http.port=" + http);
            cmd.add("-Dquarkus.management.port=" + mgmt);
            properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            cmd.add("-jar");
            cmd.add(app.resolve("quarkus-run.jar").toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(app.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().remove("INNKEEPER_MANAGEMENT_PORT");
            pb.environment().putAll(env);
            try {
                Files.writeString(log, "# " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8);
                pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                return new PanelProcess(name, pb.start(), http, mgmt, log);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name, e);
            }
        }
    }
}
