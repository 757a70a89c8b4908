package io.innkeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A module owns its tables: only its own code names them in SQL. This scans the string literals of every main source
 * file for SQL that reads or writes a table ({@code from}, {@code join}, {@code into}, {@code update}) and checks the
 * table belongs to the file's module. Adapters (the API, the portals, the web base, the demo loader) own no table.
 *
 * <p>A module's tables are private; what it lets the others read it publishes as read views, made by Flyway
 * migrations and named with the module as prefix ({@code provisioning_guest}, {@code tenancy_tenant},
 * {@code orders_server}, {@code catalog_plan}, {@code account_external_ref}, ...): its SQL port. Another module's SQL
 * may name those views, never the tables. Views and not Java calls, because billing cannot call the core's Java, and
 * the quota check and the server list must each stay one statement. A view selects only the columns other modules
 * read from its own module's tables (one table where it can, no filter), with no aggregate, so PostgreSQL folds it
 * into the statement that reads it: the plan is that of the tables, and {@code for update} through it locks the
 * table's rows.
 * The checks: the migrations, read in version order with the last definition of a view winning, publish views whose
 * prefix is a module and whose body names only that module's tables; a module's SQL names its own tables and
 * other modules' published views only.
 */
class ModuleTablesTest {

    /** Each table's owner, a module named by its package under io.innkeeper. */
    static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("tenant", "tenancy"), Map.entry("membership", "tenancy"), Map.entry("invitation", "tenancy"),
            Map.entry("login_link", "tenancy"),
            Map.entry("api_token", "account"), Map.entry("ssh_key", "account"),
            Map.entry("webhook_endpoint", "account"), Map.entry("webhook_delivery", "account"),
            Map.entry("outbox_event", "account"), Map.entry("external_ref", "account"),
            Map.entry("api_idempotency", "account"),
            Map.entry("plan", "catalog"),
            Map.entry("quota", "quota"), Map.entry("quota_level_told", "quota"),
            Map.entry("server", "orders"), Map.entry("reverse_dns", "orders"),
            Map.entry("server_list_version", "orders"),
            Map.entry("console_ticket", "orders"), Map.entry("console_session", "orders"),
            Map.entry("console_session_beat", "orders"),
            Map.entry("audit_event", "audit"),
            Map.entry("node", "provisioning"), Map.entry("region", "provisioning"), Map.entry("job", "provisioning"),
            Map.entry("ip_pool", "provisioning"), Map.entry("ip_address", "provisioning"),
            Map.entry("guest", "provisioning"), Map.entry("guest_access", "provisioning"),
            Map.entry("snapshot", "provisioning"), Map.entry("os_template", "provisioning"),
            Map.entry("guest_backup", "provisioning"), Map.entry("backup_schedule", "provisioning"),
            Map.entry("rescue_system", "provisioning"),
            Map.entry("node_task", "provisioning"), Map.entry("node_task_run", "provisioning"),
            Map.entry("node_load", "provisioning"), Map.entry("reconcile_finding", "provisioning"),
            Map.entry("meter_baseline", "provisioning"), Map.entry("meter_sample", "provisioning"),
            Map.entry("meter_sample_default", "provisioning"),
            Map.entry("billing_task", "billing"), Map.entry("dunning_settings", "billing"),
            Map.entry("dunning_step", "billing"), Map.entry("invoice", "billing"),
            Map.entry("invoice_line", "billing"), Map.entry("invoice_number", "billing"),
            Map.entry("invoice_run", "billing"), Map.entry("ledger_entry", "billing"),
            Map.entry("server_plan_change", "billing"), Map.entry("usage_hour", "billing"),
            Map.entry("usage_rollup_mark", "billing"), Map.entry("traffic_level_told", "billing"),
            Map.entry("invoice_payment_reference", "billing"), Map.entry("bank_import", "billing"),
            Map.entry("bank_credit", "billing"), Map.entry("reseller_invoicing", "billing"),
            Map.entry("reseller_price", "billing"), Map.entry("reseller_invoice", "billing"),
            Map.entry("reseller_invoice_line", "billing"),
            Map.entry("card_customer", "billing"), Map.entry("card_event", "billing"),
            Map.entry("card_auto_charge", "billing"),
            Map.entry("notification", "notify"), Map.entry("notification_choice", "notify"),
            Map.entry("person", "tenancy"), Map.entry("mail_letter", "mail"),
            Map.entry("iso_image", "provisioning"));

    private static final List<Path> ROOTS = List.of(Path.of("src/main/java"), Path.of("provisioning/src/main/java"),
            Path.of("billing/src/main/java"), Path.of("tenant-portal/src/main/java"),
            Path.of("admin-portal/src/main/java"));

    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern TABLE_USE = Pattern.compile(
            "\\b(?:from|join|into|update|FROM|JOIN|INTO|UPDATE)\\s+([a-z_][a-z0-9_]*)\\b");

    /** The modules that may own tables and publish views: every owner of a table. */
    static final Set<String> MODULES = Set.copyOf(OWNER.values());

    private static final List<Path> MIGRATIONS = List.of(Path.of("src/main/resources/db/migration"),
            Path.of("billing/src/main/resources/db/migration"));

    private static final Pattern VIEW_CHANGE = Pattern.compile("(?is)\\b(?:create\\s+(?:or\\s+replace\\s+)?view"
            + "\\s+([a-z_][a-z0-9_]*)(?:\\s*\\([^)]*\\))?\\s+as\\s+([^;]*)|drop\\s+view\\s+(?:if\\s+exists\\s+)?"
            + "([a-z_][a-z0-9_]*(?:\\s*,\\s*[a-z_][a-z0-9_]*)*))");
    private static final Pattern VERSION = Pattern.compile("^V(\\d+(?:[._]\\d+)*)__");

    /** Flyway's order: by version, its parts compared as numbers (V9 before V10, V1_1 after V1). */
    static final Comparator<Path> IN_VERSION_ORDER = Comparator.comparing(ModuleTablesTest::version, Arrays::compare);

    @Test
    void noModuleNamesAnotherModulesTablesInSql() {
        Set<String> views = views(migrations()).keySet();
        Set<String> found = new TreeSet<>();
        for (Path file : sources()) {
            for (String name : crossings(module(file), read(file), views)) {
                found.add(file.getFileName() + " -> " + name);
            }
        }
        assertThat(found).as("SQL that names another module's table; ask its use cases or read its views").isEmpty();
    }

    @Test
    void eachPublishedViewReadsOnlyItsModulesTables() {
        Map<String, Set<String>> views = views(migrations());
        assertThat(views).as("the published views").containsKeys("tenancy_tenant", "orders_server",
                "provisioning_guest", "catalog_plan", "account_external_ref");
        assertThat(viewProblems(views)).as("views that read another module's tables, or belong to no module")
                .isEmpty();
    }

    @Test
    void theChecksFailAViewOrSqlThatCrossesAModule() {
        Map<String, Set<String>> views = views(List.of("""
                -- a comment: create view tenancy_comment as select id from tenant;
                create view provisioning_guest as select id, status from guest;
                create view tenancy_tenant as select id, name from tenant t join server s on s.tenant_id = t.id;
                create view misc_thing as select id from node;
                create view billing_old as select id from invoice;
                """, """
                drop view if exists billing_old;
                create or replace view tenancy_tenant as select id, name from tenant;
                create view orders_server as select s.id from server s join guest g on g.id = s.id;
                """));
        // (1) the migrations are read in version order, the last definition wins and a dropped view is gone; a view
        // reading another module's table fails.
        assertThat(Stream.of("V10__b.sql", "V9__a.sql", "V66__c.sql", "V1_1__d.sql", "V1__e.sql").map(Path::of)
                .sorted(IN_VERSION_ORDER).map(Path::toString))
                .containsExactly("V1__e.sql", "V1_1__d.sql", "V9__a.sql", "V10__b.sql", "V66__c.sql");
        assertThat(views).containsOnlyKeys("provisioning_guest", "tenancy_tenant", "misc_thing", "orders_server");
        assertThat(views.get("tenancy_tenant")).containsExactly("tenant");
        assertThat(viewProblems(views)).containsExactlyInAnyOrder("orders_server -> guest (provisioning's table)",
                // (3) a view whose prefix is no module fails.
                "misc_thing: misc is no module");
        // (2) another module's published view may be named, its table may not, nor a view no migration publishes.
        String java = """
                class X {
                    String a = "select g.status from provisioning_guest g join server s on s.id = g.id";
                    String b = "select id from guest";
                    String c = "select id from provisioning_node";
                }
                """;
        assertThat(crossings("orders", java, views.keySet())).containsExactlyInAnyOrder("guest", "provisioning_node");
        assertThat(crossings("provisioning", java, views.keySet())).containsExactly("server");
    }

    @Test
    void theScanFindsTablesInLiteralsAndTextBlocks() {
        String java = """
                class X {
                    String a = "select id from guest g join node n on n.id = g.node_id";
                    String b = \"""
                            update invoice set state = 'PAID'
                            \""";
                    // a comment: select x from tenant
                    String c = "select s from Server s";
                }
                """;
        assertThat(tablesIn(java)).containsExactlyInAnyOrder("guest", "node", "invoice");
    }

    @Test
    void everyTableOfTheMigrationsHasAnOwner() throws IOException {
        Pattern create = Pattern.compile("(?i)create table (?:if not exists )?([a-z_]+)");
        Set<String> tables = new TreeSet<>();
        for (Path dir : List.of(Path.of("src/main/resources/db/migration"),
                Path.of("billing/src/main/resources/db/migration"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Matcher m = create.matcher(Files.readString(f));
                    while (m.find()) {
                        tables.add(m.group(1));
                    }
                }
            }
        }
        assertThat(OWNER.keySet()).containsAll(tables);
    }

    /**
     * The names in a module's SQL that cross into another module: another module's table, or a name with another
     * module's prefix that is no published view. Another module's published view is allowed.
     */
    static Set<String> crossings(String module, String java, Set<String> views) {
        Set<String> crossings = new TreeSet<>();
        for (String name : tablesIn(java)) {
            String owner = OWNER.get(name);
            if (owner != null) {
                if (!owner.equals(module)) {
                    crossings.add(name);
                }
            } else if (!views.contains(name) && MODULES.contains(prefix(name)) && !prefix(name).equals(module)) {
                crossings.add(name);
            }
        }
        return crossings;
    }

    /**
     * The views the migrations leave, each with the tables and views its body names: the migrations are read in the
     * order given, a later definition of a view replaces an earlier one and {@code drop view} removes it.
     */
    static Map<String, Set<String>> views(List<String> migrations) {
        Map<String, Set<String>> views = new TreeMap<>();
        for (String sql : migrations) {
            Matcher m = VIEW_CHANGE.matcher(withoutComments(sql));
            while (m.find()) {
                if (m.group(1) != null) {
                    Set<String> names = new TreeSet<>();
                    Matcher uses = TABLE_USE.matcher(m.group(2).toLowerCase(Locale.ROOT));
                    while (uses.find()) {
                        names.add(uses.group(1));
                    }
                    views.put(m.group(1).toLowerCase(Locale.ROOT), names);
                } else {
                    for (String dropped : m.group(3).split(",")) {
                        views.remove(dropped.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return views;
    }

    /** What is wrong with the views: a prefix that is no module, or a body naming another module's table or view. */
    static Set<String> viewProblems(Map<String, Set<String>> views) {
        Set<String> problems = new TreeSet<>();
        views.forEach((view, names) -> {
            String module = prefix(view);
            if (!MODULES.contains(module)) {
                problems.add(view + ": " + module + " is no module");
                return;
            }
            for (String name : names) {
                String owner = OWNER.get(name);
                if (owner != null && !owner.equals(module)) {
                    problems.add(view + " -> " + name + " (" + owner + "'s table)");
                } else if (owner == null && views.containsKey(name) && !prefix(name).equals(module)) {
                    problems.add(view + " -> " + name + " (" + prefix(name) + "'s view)");
                }
            }
        });
        return problems;
    }

    /** A view's module: its name up to the first underscore. */
    private static String prefix(String name) {
        int at = name.indexOf('_');
        return at < 0 ? name : name.substring(0, at);
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ");
    }

    /** The text of every migration, in Flyway's version order. */
    private static List<String> migrations() {
        List<Path> files = new ArrayList<>();
        for (Path dir : MIGRATIONS) {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(f -> VERSION.matcher(f.getFileName().toString()).find()).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files.stream().sorted(IN_VERSION_ORDER).map(ModuleTablesTest::read).toList();
    }

    private static int[] version(Path migration) {
        Matcher m = VERSION.matcher(migration.getFileName().toString());
        if (!m.find()) {
            throw new IllegalArgumentException(migration.toString());
        }
        return Arrays.stream(m.group(1).split("[._]")).mapToInt(Integer::parseInt).toArray();
    }

    static Set<String> tablesIn(String java) {
        Set<String> tables = new TreeSet<>();
        List<String> strings = new ArrayList<>();
        Matcher blocks = TEXT_BLOCK.matcher(java);
        while (blocks.find()) {
            strings.add(blocks.group(1));
        }
        String rest = TEXT_BLOCK.matcher(java).replaceAll("");
        for (String line : rest.split("\n")) {
            String code = line.strip().startsWith("//") || line.strip().startsWith("*") ? "" : line;
            Matcher literals = LITERAL.matcher(code);
            while (literals.find()) {
                strings.add(literals.group(1));
            }
        }
        // Adjacent literals joined with + form one statement; join them all so a table after a line break is seen.
        Matcher uses = TABLE_USE.matcher(String.join(" ", strings));
        while (uses.find()) {
            tables.add(uses.group(1));
        }
        return tables;
    }

    private static String module(Path file) {
        String path = file.toString().replace('\\', '/');
        String pkg = path.substring(path.indexOf("io/innkeeper/") + "io/innkeeper/".length());
        String first = pkg.substring(0, pkg.indexOf('/'));
        return first.equals("portal") ? "portal" : first;
    }

    private static List<Path> sources() {
        return ROOTS.stream().flatMap(root -> {
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList()).stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
