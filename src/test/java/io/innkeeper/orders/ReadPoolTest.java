package io.innkeeper.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/** The non-blocking pool reads the JDBC datasource's URL, so a deployment names its database once. */
class ReadPoolTest {

    @Test
    void takesHostPortDatabaseAndCredentialsFromTheJdbcUrl() {
        PgConnectOptions o = ReadPool.options("jdbc:postgresql://db.internal:6543/ik?user=u&password=p", null, "");
        assertThat(o.getHost()).isEqualTo("db.internal");
        assertThat(o.getPort()).isEqualTo(6543);
        assertThat(o.getDatabase()).isEqualTo("ik");
        assertThat(o.getUser()).isEqualTo("u");
        assertThat(o.getPassword()).isEqualTo("p");
        assertThat(o.getSslMode()).isEqualTo(SslMode.DISABLE);
        assertThat(o.getCachePreparedStatements()).isTrue();
        assertThat(o.getProperties()).containsEntry("application_name", ReadPool.DEFAULT_APPLICATION_NAME)
                .containsEntry("plan_cache_mode", "force_generic_plan");
    }

    @Test
    void configuredCredentialsWinAndDefaultsFillTheRest() {
        PgConnectOptions o = ReadPool.options("jdbc:postgresql:///ik?user=u", "innkeeper", "secret");
        assertThat(o.getHost()).isEqualTo("localhost");
        assertThat(o.getPort()).isEqualTo(5432);
        assertThat(o.getUser()).isEqualTo("innkeeper");
        assertThat(o.getPassword()).isEqualTo("secret");
    }

    @Test
    void keepsTheSslModeAndApplicationName() {
        // The Helm chart's URL shape (see HelmChartTest).
        PgConnectOptions o = ReadPool.options(
                "jdbc:postgresql://db/ik?sslmode=require&ApplicationName=innkeeper-0", "u", "p");
        assertThat(o.getSslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(o.isTrustAll()).isTrue();
        assertThat(o.getProperties()).containsEntry("application_name", "innkeeper-0");
        PgConnectOptions full = ReadPool.options("jdbc:postgresql://db/ik?sslmode=verify-full", "u", "p");
        assertThat(full.getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(full.isTrustAll()).isFalse();
        assertThat(full.getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
    }

    @Test
    void refusesAUrlThatIsNotPostgres() {
        assertThatThrownBy(() -> ReadPool.options("jdbc:mysql://db/ik", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:mysql");
    }
}
