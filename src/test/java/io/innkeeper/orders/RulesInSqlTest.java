package io.innkeeper.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * The rules the schema keeps a copy of, read back from PostgreSQL's catalog and held to their Java definitions: a
 * change to {@link GuestStatus#isLive()} or to what the API's server page shows fails here until a migration
 * follows. PostgreSQL writes both sides back in its own words (a probe made from the Java rule, rolled back), so
 * quoting, casts and spacing do not matter.
 */
@QuarkusTest
class RulesInSqlTest {

    /** A status list: {@code status not in ('A', 'B')} as written, {@code status <> ALL (ARRAY[...])} as kept. */
    private static final Pattern STATUS_LIST = Pattern.compile(
            "status\\s*(?:not\\s+in|in|<>\\s*all|=\\s*any)\\s*\\((?:\\s*array\\s*\\[)?([^)\\]]*)",
            Pattern.CASE_INSENSITIVE);

    @Inject
    AgroalDataSource data;

    @Test
    void everyCopyOfTheLiveGuestRuleInTheSchemaIsTheJavaRule() throws SQLException {
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            String liveIndex;
            try (Statement s = c.createStatement()) {
                s.execute("create temp table guest_rule_probe (status text, node_id uuid)");
                s.execute("create index guest_rule_probe_live on guest_rule_probe (node_id) where "
                        + GuestStatus.liveCondition("status"));
                liveIndex = one(s, "select pg_get_expr(indpred, indrelid) from pg_index "
                        + "where indexrelid = 'guest_rule_probe_live'::regclass");
            } finally {
                c.rollback();
            }

            Map<String, String> definitions = new HashMap<>();
            try (Statement s = c.createStatement()) {
                definitions.putAll(rows(s, "select 'index ' || c.relname, pg_get_expr(i.indpred, i.indrelid) "
                        + "from pg_index i join pg_class c on c.oid = i.indexrelid where i.indpred is not null "
                        + "and c.relnamespace = 'public'::regnamespace"));
                definitions.putAll(rows(s, "select 'trigger ' || tgname, pg_get_triggerdef(oid) from pg_trigger "
                        + "where not tgisinternal"));
                definitions.putAll(rows(s, "select 'function ' || proname, prosrc from pg_proc "
                        + "where pronamespace = 'public'::regnamespace"));
            } finally {
                c.rollback();
            }
            Map<String, String> copies = new HashMap<>(definitions);
            copies.values().removeIf(definition -> !namesAGuestStatusList(definition));

            // Two partial indexes and one SQL function (V65) hold the rule, each exactly as Java writes it.
            assertThat(copies).containsOnlyKeys("index guest_owner", "index guest_node_live", "function guest_live");
            assertThat(copies.get("index guest_owner")).isEqualTo(liveIndex);
            assertThat(copies.get("index guest_node_live")).isEqualTo(liveIndex);
            assertThat(normal(copies.get("function guest_live")).strip())
                    .isEqualTo(normal("select " + GuestStatus.liveCondition("status")));
            // The node load trigger (V57, kept as measured) and its function ask that function.
            assertThat(definitions.get("trigger node_load_guest_update"))
                    .contains("(guest_live(old.status) IS DISTINCT FROM guest_live(new.status))");
            assertThat(definitions.get("function node_load_guest_changed"))
                    .contains("tg_op <> 'INSERT' and guest_live(old.status)")
                    .contains("tg_op <> 'DELETE' and guest_live(new.status)");
        }
    }

    @Test
    void theListVersionMovesWithWhatTheApisPageShows() throws SQLException {
        try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
            Map<String, String> functions = rows(s, "select proname, prosrc from pg_proc "
                    + "where proname like 'server_list_shown_%'");
            Map<String, String> shown = Map.of("server", "server_list_shown_server", "guest",
                    "server_list_shown_guest", "external_ref", "server_list_shown_ref", "tenant",
                    "server_list_shown_tenant");
            assertThat(functions).containsOnlyKeys(shown.values());
            shown.forEach((table, function) -> assertThat(compared(functions.get(function), "o", "n"))
                    .as(function).isEqualTo(ListServers.VERSIONED.get(table)));
            // The catalog tables: one trigger notes a change to what the page shows, one bumps it at commit.
            Map<String, String> triggers = rows(s, "select tgname, pg_get_triggerdef(oid) from pg_trigger "
                    + "where tgname in ('server_list_plan', 'server_list_template', 'server_list_region', "
                    + "'server_list_bump_plan', 'server_list_bump_template', 'server_list_bump_region')");
            assertThat(triggers).hasSize(6);
            triggers.forEach((name, definition) -> {
                String table = definition.replaceAll("(?s).* ON public\\.(\\w+) .*", "$1");
                assertThat(compared(when(definition), "old", "new")).as(name)
                        .isEqualTo(ListServers.VERSIONED.get(table));
            });
            assertThat(ListServers.VERSIONED).containsOnlyKeys("server", "guest", "external_ref", "tenant", "plan",
                    "os_template", "region");
        }
    }

    /** The columns a definition compares between the old and the new row ({@code o.x is distinct from n.x}). */
    private static Set<String> compared(String definition, String old, String now) {
        Matcher m = Pattern.compile("\\b" + old + "\\.(\\w+)\\s+is\\s+distinct\\s+from\\s+" + now + "\\.(\\w+)",
                Pattern.CASE_INSENSITIVE).matcher(definition);
        Set<String> columns = new HashSet<>();
        while (m.find()) {
            assertThat(m.group(2)).isEqualTo(m.group(1));
            columns.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return columns;
    }

    private static boolean namesAGuestStatusList(String definition) {
        Matcher m = STATUS_LIST.matcher(definition);
        while (m.find()) {
            for (GuestStatus status : GuestStatus.values()) {
                if (m.group(1).contains("'" + status.name() + "'")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A trigger's WHEN condition as PostgreSQL writes it. */
    private static String when(String triggerDefinition) {
        int from = triggerDefinition.indexOf(" WHEN (") + " WHEN (".length();
        return triggerDefinition.substring(from, triggerDefinition.lastIndexOf(") EXECUTE FUNCTION"));
    }

    private static String normal(String sql) {
        return sql.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).isTrue();
            return r.getString(1);
        }
    }

    private static Map<String, String> rows(Statement s, String sql) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.put(r.getString(1), r.getString(2));
            }
        }
        return rows;
    }
}
