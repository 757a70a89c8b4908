package io.innkeeper.portal.tenant;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.orders.ServerFilter;
import io.innkeeper.orders.ServerActions;
import io.innkeeper.orders.ServerRow;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.tenancy.CustomerNames;

/**
 * What the server list shows: the filter as typed, one page of servers, the choices of the filter form, and the
 * links that keep the filter (to poll, and to the next page).
 */
public record ServerList(Query query, List<ServerRow> servers, Map<UUID, List<String>> addresses,
        Optional<ServerFilter.Cursor> next,
        List<Nodes.RegionRow> regions, List<PlanCatalog.PlanOnSale> plans, List<CustomerNames.Customer> customers,
        List<GuestStatus> states, boolean reseller, boolean canChange) {

    /** The table's columns: hostname, status, addresses, plan, OS and region, then customer and actions. */
    public int columns() {
        return 6 + (reseller ? 1 : 0) + (canChange ? 1 : 0);
    }

    /**
     * Whether the row offers {@code action} (an {@link ServerActions.Action} name): the member may change servers
     * and the server's state allows it, by the server page's own rule. The account's standing is checked when the
     * action is asked for, and the page's banner already says when it holds servers back.
     */
    public boolean offers(ServerRow server, String action) {
        return canChange && ServerActions.stateRefusal(ServerActions.Action.valueOf(action), server.status()).isEmpty();
    }

    /** The filter's fields as they came in the URL, each empty when not set. */
    public record Query(String q, String state, String region, String plan, String customer, String after,
            String size) {

        static final int DEFAULT_SIZE = 50;
        private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");
        static final int MAX_SIZE = 200;

        public Query {
            q = clean(q);
            state = clean(state);
            region = clean(region);
            plan = clean(plan);
            customer = clean(customer);
            after = clean(after);
            size = clean(size);
        }

        /** Servers per page: {@value #DEFAULT_SIZE} unless asked otherwise, at most {@value #MAX_SIZE}. */
        public int limit() {
            try {
                return size.isEmpty() ? DEFAULT_SIZE : Math.max(1, Math.min(MAX_SIZE, Integer.parseInt(size)));
            } catch (NumberFormatException e) {
                return DEFAULT_SIZE;
            }
        }

        /** The filter to search with; a value that is not a state, a code or an id is ignored. */
        public ServerFilter filter() {
            return new ServerFilter(status(state), code(region), code(plan), q, null, uuid(customer), null);
        }

        public Optional<ServerFilter.Cursor> cursor() {
            return ServerFilter.Cursor.parse(after);
        }

        public boolean filtered() {
            return !(q + state + region + plan + customer).isEmpty();
        }

        /** The query string of this filter, with {@code after} as given (empty for the first page). */
        public String with(String nextAfter) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("q", q);
            params.put("state", state);
            params.put("region", region);
            params.put("plan", plan);
            params.put("customer", customer);
            params.put("size", size);
            params.put("after", nextAfter);
            String query = params.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return query.isEmpty() ? "" : "?" + query;
        }

        /** The value as typed, stripped (web.FormText has refused control characters before it gets here). */
        private static String clean(String value) {
            return value == null ? "" : value.strip();
        }

        private static GuestStatus status(String value) {
            try {
                return value.isEmpty() ? null : GuestStatus.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static String code(String value) {
            return CODE.matcher(value).matches() ? value : null;
        }

        private static UUID uuid(String value) {
            try {
                return value.isEmpty() ? null : UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** Whether a server on this page is changing, so the rows poll until it settles. */
    /** The server's addresses, IPv4 first; none while it has none. */
    public List<String> addressesOf(UUID server) {
        return addresses.getOrDefault(server, List.of());
    }

    public boolean busy() {
        return servers.stream().anyMatch(s -> s.status().busy());
    }

    /** This page again, as the rows poll it. */
    public String self() {
        return Links.SERVERS + query.with(query.after());
    }

    public String nextPage() {
        return next.map(c -> Links.SERVERS + query.with(c.token())).orElse("");
    }

    public String firstPage() {
        return Links.SERVERS + query.with("");
    }
}
