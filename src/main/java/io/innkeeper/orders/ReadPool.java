package io.innkeeper.orders;

import java.util.Optional;
import java.util.Properties;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import io.innkeeper.kernel.Busy;

/**
 * A small pool of non-blocking PostgreSQL connections (Vert.x's client) for the server list ({@link ListServers}):
 * the API reads it on the I/O thread, the portals wait for it on a worker thread. It connects to the database the
 * JDBC datasource uses, read from the same URL, so a deployment names its database once: pgjdbc's own parser reads
 * the URL, and host, port, database, user, password, {@code sslmode} (with {@code sslrootcert} for the verify modes)
 * and {@code ApplicationName} carry over.
 */
@Singleton
public class ReadPool {

    /** How these connections show in {@code pg_stat_activity} when the URL names no application. */
    public static final String DEFAULT_APPLICATION_NAME = "innkeeper-api-reads";

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @ConfigProperty(name = "innkeeper.api.read-pool-size", defaultValue = "8")
    int size;

    private volatile Pool pool;

    public Pool pool() {
        Pool p = pool;
        if (p == null) {
            synchronized (this) {
                if (pool == null) {
                    // Waiting for a connection is bounded like the JDBC pool's acquisition (15 s).
                    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(size).setConnectionTimeout(15)
                            .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS))
                            .connectingTo(options(jdbcUrl, username.orElse(null), password.orElse(null)))
                            .using(vertx).build();
                }
                p = pool;
            }
        }
        return p;
    }

    /**
     * Runs a prepared statement without blocking. A database that cannot be reached is a passing fault ({@link Busy}:
     * 503, try again); one that refuses the statement is the panel's, named by {@code what}.
     */
    public Future<RowSet<Row>> query(String sql, Tuple parameters, String what) {
        return pool().preparedQuery(sql).execute(parameters).recover(e -> Future.failedFuture(e instanceof PgException
                ? new IllegalStateException(what + " failed", e)
                : new Busy("The panel cannot reach its database right now; try again in a few seconds.")));
    }

    @PreDestroy
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** The Vert.x connection options for a pgjdbc URL; the user and password given win over the URL's own. */
    static PgConnectOptions options(String jdbcUrl, String user, String password) {
        Properties url = org.postgresql.Driver.parseURL(jdbcUrl, new Properties());
        if (url == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        String host = url.getProperty("PGHOST", "").split(",")[0];
        String port = url.getProperty("PGPORT", "").split(",")[0];
        PgConnectOptions options = new PgConnectOptions()
                .setHost(host.isEmpty() ? "localhost" : host)
                .setPort(port.isEmpty() ? 5432 : Integer.parseInt(port))
                .setDatabase(url.getProperty("PGDBNAME"))
                .setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(256);
        // Each statement is planned once per connection, not per run. Its plans are all alike whatever the values
        // (newest first off server_live_order or server_tenant, a page long), so the generic plan is as good as a
        // custom one; left to choose, PostgreSQL kept planning a tenant's search anew on every run (about 1 to 14
        // ms, where running the plan took under one).
        options.addProperty("plan_cache_mode", "force_generic_plan");
        String login = user != null && !user.isEmpty() ? user : url.getProperty("user");
        if (login != null) {
            options.setUser(login);
        }
        String secret = password != null && !password.isEmpty() ? password : url.getProperty("password");
        if (secret != null) {
            options.setPassword(secret);
        }
        String mode = url.getProperty("sslmode");
        if (mode != null) {
            SslMode ssl = SslMode.of(mode);
            options.setSslMode(ssl);
            if (ssl == SslMode.VERIFY_CA || ssl == SslMode.VERIFY_FULL) {
                String root = url.getProperty("sslrootcert");
                java.nio.file.Path fallback = java.nio.file.Path.of(System.getProperty("user.home"), ".postgresql",
                        "root.crt");
                if (root == null && java.nio.file.Files.isReadable(fallback)) {
                    root = fallback.toString(); // pgjdbc's own default
                }
                if (root != null) {
                    options.setTrustOptions(new PemTrustOptions().addCertPath(root));
                }
                if (ssl == SslMode.VERIFY_FULL) {
                    options.setHostnameVerificationAlgorithm("HTTPS");
                }
            } else if (ssl != SslMode.DISABLE) {
                // As in libpq: require (and allow, prefer) encrypt without checking the server's certificate.
                options.setTrustAll(true);
            }
        }
        String application = url.getProperty("ApplicationName");
        options.addProperty("application_name", application != null ? application : DEFAULT_APPLICATION_NAME);
        return options;
    }
}
