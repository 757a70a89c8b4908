package io.innkeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 */
class ModuleTablesTest {

    /** Each table's owner, a module named by its package under io.innkeeper. */
    static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("tenant", "tenancy"), Map.entry("membership", "tenancy"),
            Map.entry("api_token", "account"), Map.entry("ssh_key", "account"),
            Map.entry("webhook_endpoint", "account"), Map.entry("webhook_delivery", "account"),
            Map.entry("outbox_event", "account"), Map.entry("external_ref", "account"),
            Map.entry("api_idempotency", "api"),
            Map.entry("plan", "catalog"),
            Map.entry("quota", "quota"),
            Map.entry("server", "orders"), Map.entry("reverse_dns", "orders"),
            Map.entry("server_list_version", "orders"),
            Map.entry("audit_event", "audit"),
            Map.entry("node", "provisioning"), Map.entry("region", "provisioning"), Map.entry("job", "provisioning"),
            Map.entry("ip_pool", "provisioning"), Map.entry("ip_address", "provisioning"),
            Map.entry("guest", "provisioning"), Map.entry("guest_access", "provisioning"),
            Map.entry("snapshot", "provisioning"), Map.entry("os_template", "provisioning"),
            Map.entry("node_task", "provisioning"), Map.entry("node_task_run", "provisioning"),
            Map.entry("node_load", "provisioning"), Map.entry("reconcile_finding", "provisioning"),
            Map.entry("meter_baseline", "provisioning"), Map.entry("meter_sample", "provisioning"),
            Map.entry("billing_task", "billing"), Map.entry("dunning_settings", "billing"),
            Map.entry("dunning_step", "billing"), Map.entry("invoice", "billing"),
            Map.entry("invoice_line", "billing"), Map.entry("invoice_number", "billing"),
            Map.entry("invoice_run", "billing"), Map.entry("ledger_entry", "billing"),
            Map.entry("server_plan_change", "billing"), Map.entry("usage_hour", "billing"),
            Map.entry("usage_rollup_mark", "billing"));

    /**
     * Where a module still reads another's tables by SQL, as {@code file -> table}. This list may only shrink: each
     * entry is a query that belongs in the owning module's query use cases.
     */
    static final Set<String> NOT_YET_MOVED = Set.of(
            "BillingInputs.java -> guest", "BillingInputs.java -> plan", "BillingInputs.java -> server",
            "BillingInputs.java -> snapshot", "BillingInputs.java -> tenant", "InvoiceQueries.java -> server",
            "InvoiceQueries.java -> tenant", "Ledger.java -> tenant", "ListServers.java -> external_ref",
            "ListServers.java -> guest", "ListServers.java -> ip_address", "ListServers.java -> node",
            "ListServers.java -> os_template", "ListServers.java -> plan", "ListServers.java -> region",
            "ListServers.java -> tenant", "QuotaService.java -> guest", "QuotaService.java -> ip_address",
            "QuotaService.java -> ip_pool", "QuotaService.java -> snapshot", "Tenants.java -> server",
            "UsageHistory.java -> meter_sample", "UsageRollups.java -> guest", "UsageRollups.java -> meter_sample",
            "UsageRollups.java -> server");

    private static final List<Path> ROOTS = List.of(Path.of("src/main/java"), Path.of("provisioning/src/main/java"),
            Path.of("billing/src/main/java"), Path.of("tenant-portal/src/main/java"),
            Path.of("admin-portal/src/main/java"));

    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern TABLE_USE = Pattern.compile(
            "\\b(?:from|join|into|update|FROM|JOIN|INTO|UPDATE)\\s+([a-z_][a-z0-9_]*)\\b");

    @Test
    void noModuleNamesAnotherModulesTablesInSql() {
        Set<String> found = new TreeSet<>();
        for (Path file : sources()) {
            String module = module(file);
            for (String table : tablesIn(read(file))) {
                String owner = OWNER.get(table);
                if (owner != null && !owner.equals(module)) {
                    found.add(file.getFileName() + " -> " + table);
                }
            }
        }
        assertThat(found).as("SQL that names another module's table").isSubsetOf(NOT_YET_MOVED);
        assertThat(NOT_YET_MOVED).as("entries that no longer occur (remove them)").isSubsetOf(found);
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
