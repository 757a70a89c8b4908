package io.innkeeper.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A database of the test's own on the local PostgreSQL ({@code innkeeper_it_<random>}), created empty and dropped
 * at the end, so an IT never touches the databases other runs use. Plain JDBC, one short connection per call.
 */
public final class ItDatabase implements AutoCloseable {

    private static final String HOST = System.getenv().getOrDefault("INNKEEPER_IT_PG", "127.0.0.1:5432");

    private final String name;
    private final String user;
    private final String password;

    private ItDatabase(String name, String user, String password) {
        this.name = name;
        this.user = user;
        this.password = password;
    }

    /** Creates a fresh, empty database as INNKEEPER_DB_USER (default postgres) with INNKEEPER_DB_PASSWORD. */
    public static ItDatabase createFresh() {
        String user = envOr("INNKEEPER_DB_USER", "postgres");
        String password = envOr("INNKEEPER_DB_PASSWORD", envOr("PGPASSWORD", ""));
        String name = "innkeeper_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", user, password);
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + HOST + " as " + user, e);
        }
        return new ItDatabase(name, user, password);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + "/" + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** Runs one statement with positional parameters; answers the update count. */
    public int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The rows of a query, each as column name to value, in order. */
    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            List<Map<String, Object>> out = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the only row (null when there is no row). */
    public Object value(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() > 1) {
            throw new IllegalStateException("more than one row: " + sql);
        }
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    public long count(String sql, Object... params) {
        return ((Number) value(sql, params)).longValue();
    }

    /** Drops the database, closing whatever connections the panels left behind. */
    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", user, password);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    private static String envOr(String key, String fallback) {
        String value = System.getenv(key);
        return value == null ? fallback : value;
    }
}
