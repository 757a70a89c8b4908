package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import io.innkeeper.portal.tenant.IsolationVictims.Victim;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Routes;
import io.innkeeper.testing.Routes.Route;

/**
 * The tenant portal's isolation matrix, drawn from the resource classes so a new page or action is in it without
 * anyone listing it: every route whose path names an object is asked for with another tenant's object, with an id
 * that names nothing and with a malformed one, by its own method and by the other of GET and POST, with and without
 * {@code HX-Request}, POSTs with a valid CSRF token and a plausible form. Each answers 404 (403 where the caller's role
 * may not use the page at all, the same whatever the id), shows nothing of the other tenant, and changes nothing of
 * it. A reseller reaches its customers' objects where the portal means it to, and never another reseller's.
 */
@QuarkusTest
class TenantIsolationMatrixTest {

    /** The portal's routes, found from its classes. */
    static final List<Route> ROUTES = Routes.of("io.innkeeper.portal.tenant");

    /**
     * What kind of object each path parameter names, by the path segment before it (see {@link Route#parameters}):
     * how to get the victim's object of that kind. The one hand-written part of the matrix: a route with a
     * parameter missing here fails {@link TenantRoutesTest} and this test until a line is added, for example
     * {@code entry("invitations/{token}", Kind.text(v -> v.bean(Invitations.class).invite(...).token()))}.
     */
    static final Map<String, Kind> KINDS = Map.ofEntries(
            entry("servers/{id}", Kind.id(Victim::server).seenByReseller()),
            entry("snapshots/{name}", Kind.text(Victim::snapshot).seenByReseller()),
            entry("backups/{backup}", Kind.id(Victim::backup).seenByReseller()),
            entry("ssh-keys/{id}", Kind.id(Victim::sshKey).seenByReseller()),
            entry("customers/{id}", Kind.id(Victim::tenant).seenByReseller()),
            // The invoice that bills a reseller's customer's servers is the reseller's own.
            entry("invoices/{id}", Kind.id(Victim::invoice).seenByReseller()),
            entry("api-tokens/{id}", Kind.id(Victim::token)),
            entry("team/{id}", Kind.id(Victim::member)),
            // A team's own invitations; a reseller's view of its customer's.
            entry("invitations/{id}", Kind.id(Victim::invitation)),
            entry("invitations/{invitation}", Kind.id(Victim::invitation).seenByReseller()),
            // The notification the victim's owner got when its server became ready: a person's own, never a reseller's.
            entry("notifications/{id}", Kind.id(Victim::notification)),
            // A webhook endpoint and an event delivered to it are the tenant's own, never its reseller's.
            entry("webhooks/{id}", Kind.id(TenantIsolationMatrixTest::webhook)),
            entry("deliveries/{event}", Kind.id(TenantIsolationMatrixTest::pinged)));

    private static final Map<UUID, UUID> WEBHOOKS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<UUID, UUID> PINGS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The victim's webhook endpoint, made once (an account has at most ten). */
    static Object webhook(Victim v) {
        return WEBHOOKS.computeIfAbsent(v.tenant(), t -> v.bean(io.innkeeper.account.Webhooks.class)
                .register(io.innkeeper.audit.Actor.SYSTEM, t, "https://hooks.example.com/victim").endpoint().id());
    }

    /** An event queued for the victim's endpoint: a ping. */
    static Object pinged(Victim v) {
        return PINGS.computeIfAbsent(v.tenant(), t -> v.bean(io.innkeeper.account.Webhooks.class)
                .ping(io.innkeeper.audit.Actor.SYSTEM, t, (UUID) webhook(v)));
    }

    /**
     * Parameters that are capabilities, not object ids: whoever holds the value may use it, whichever account they
     * are in, so the matrix does not aim another tenant at them. Each says which test holds its own rules.
     */
    static final Map<String, String> CAPABILITIES = Map.of("invitations/{token}", "an invitation link is for whoever "
            + "was sent it; InvitationPagesTest and InvitationsBrowserTest hold its used, revoked, expired and unknown "
            + "answers", "invitation-logins/{token}", "the same link, for a person with no login yet; "
            + "InvitationLoginPagesTest holds its answers", "login-links/{secret}", "a reseller's sign-on link signs "
            + "in whoever follows it, once; ApiLoginLinkTest holds its used, expired and unknown answers",
            "unsubscribe/{token}", "an unsubscribe link stops one "
            + "topic's mail for the login it was signed for, whoever opens it; UnsubscribePageTest holds its forged "
            + "and one-click answers");

    /** Whether the matrix aims at this route: none of its parameters is a capability. */
    static boolean aimed(Route route) {
        return route.parameters().stream().noneMatch(CAPABILITIES::containsKey);
    }

    /** Query parameters that name an object, with the kind they name; any other UUID-typed one must be added. */
    static final Map<String, String> QUERY_KINDS = Map.of("customer", "customers/{id}", "server", "servers/{id}");

    /**
     * How to aim at one kind of object: the victim's, an id that names nothing, a malformed one, and whether a
     * reseller reaches its customers' objects of this kind.
     */
    record Kind(Function<Victim, Object> of, String nothing, String malformed, boolean resellerSees) {

        /** An object named by a UUID. */
        static Kind id(Function<Victim, Object> of) {
            return new Kind(of, UUID.randomUUID().toString(), "not-a-uuid", false);
        }

        /** An object named by free text (a snapshot's name, an invitation's token). */
        static Kind text(Function<Victim, Object> of) {
            return new Kind(of, "no-such-" + UUID.randomUUID().toString().substring(0, 8), "bad name!'", false);
        }

        Kind seenByReseller() {
            return new Kind(of, nothing, malformed, true);
        }
    }

    /** The path parameters and object-naming query parameters the matrix cannot fill yet. */
    static Set<String> missingKinds(List<Route> routes) {
        Set<String> missing = new LinkedHashSet<>();
        for (Route route : routes) {
            route.parameters().stream().filter(p -> !KINDS.containsKey(p) && !CAPABILITIES.containsKey(p))
                    .forEach(p -> missing.add(route + ": path parameter " + p));
            route.queries().stream().filter(q -> QUERY_KINDS.containsKey(q.name())
                    ? !KINDS.containsKey(QUERY_KINDS.get(q.name())) : q.type() == UUID.class)
                    .forEach(q -> missing.add(route + ": query parameter " + q.name()));
        }
        return missing;
    }

    static String missingMessage(Set<String> missing) {
        return "TenantIsolationMatrixTest.KINDS (or QUERY_KINDS) has no kind of object for these parameters; add one "
                + "line each saying how to make another tenant's object of that kind:\n  "
                + String.join("\n  ", missing);
    }

    /** Which of the three values a parameter is filled with. */
    enum Aim {
        OTHER, NOTHING, MALFORMED
    }

    /** What a request answered. */
    record Answer(int status, String body, String location, String hxRedirect) {
    }

    @Inject
    IsolationVictims victims;

    @Inject
    Fixtures fixtures;

    @Test
    @TestSecurity(user = "matrix-mallory", roles = "customer")
    void customerReachesNothingOfAnotherCustomer() {
        fixtures.customer("matrix-mallory");
        Victim victor = victims.customer("matrix-victor-" + tag(), null);
        expectIsolated(victor, "customer");
    }

    @Test
    @TestSecurity(user = "matrix-rita", roles = "reseller")
    void resellerReachesItsCustomersObjectsAndNoOtherResellers() {
        UUID rita = victims.tenant("matrix-rita", TenantKind.RESELLER, null);
        Victim carol = victims.customer("matrix-carol", rita);
        Victim rex = victims.reseller("matrix-rex-" + tag());
        Victim zed = victims.customer("matrix-zed-" + tag(), rex.tenant());

        Map<String, Integer> wrong = new TreeMap<>();
        for (Route route : ROUTES) {
            if (!route.method().equals("GET") || route.parameters().isEmpty() || !aimed(route)) {
                continue;
            }
            boolean seen = route.parameters().stream().allMatch(p -> KINDS.get(p).resellerSees());
            String path = route.fill(p -> String.valueOf(KINDS.get(p).of().apply(carol)));
            int status = request("GET", path, Map.of(), Map.of(), false, null).status();
            if (seen ? status != 200 : status != 404) {
                wrong.put(route + (seen ? " (its customer's, expected 200)" : " (expected 404)"), status);
            }
        }
        assertThat(wrong).as("a reseller's GETs of its own customer's objects").isEmpty();
        given().get("/servers").then().statusCode(200).body(org.hamcrest.Matchers.containsString(carol.hostname()));

        expectIsolated(zed, "reseller");
        expectIsolated(rex, "reseller");
    }

    @Test
    @TestSecurity(user = "matrix-carol", roles = "customer")
    void resellersCustomerReachesNothingOfItsReseller() {
        UUID rita = victims.tenant("matrix-rita", TenantKind.RESELLER, null);
        victims.tenant("matrix-carol", TenantKind.CUSTOMER, rita);
        expectIsolated(victims.reseller("matrix-rita"), "customer");
    }

    /**
     * The whole matrix against one victim, as the signed-in caller of this role, then the pages that name no object
     * (lists, forms) with the victim's objects in their object-naming query parameters: nothing of the victim shows
     * and nothing of it changes.
     */
    void expectIsolated(Victim victim, String role) {
        assertThat(missingKinds(ROUTES)).as(() -> missingMessage(missingKinds(ROUTES))).isEmpty();
        String before = victims.state(victim);
        String csrf = given().get("/servers").then().statusCode(200).extract().cookie(Csrf.COOKIE);
        List<String> wrong = new ArrayList<>();
        Map<String, List<Route>> byPath = ROUTES.stream().filter(TenantIsolationMatrixTest::aimed)
                .collect(Collectors.groupingBy(Route::path, LinkedHashMap::new, Collectors.toList()));
        int asked = 0;
        for (Map.Entry<String, List<Route>> path : byPath.entrySet()) {
            Route first = path.getValue().getFirst();
            Set<String> methods = new LinkedHashSet<>(path.getValue().stream().map(Route::method).toList());
            if (first.parameters().isEmpty()) {
                for (Route route : path.getValue()) {
                    if (route.method().equals("GET")) {
                        for (boolean htmx : new boolean[] { false, true }) {
                            Answer a = request("GET", route.path(), queries(route, victim), Map.of(), htmx, null);
                            asked++;
                            leaks(victim, a).forEach(t -> wrong.add(label(route.toString(), htmx) + " shows " + t));
                            if (a.status() >= 500) {
                                wrong.add(label(route.toString(), htmx) + " answered " + a.status());
                            }
                        }
                    }
                }
                continue;
            }
            methods.add("GET");
            methods.add("POST");
            for (String method : methods) {
                Route route = path.getValue().stream().filter(r -> r.method().equals(method)).findFirst()
                        .orElse(null);
                Map<String, String> form = form(path.getValue(), victim);
                Map<String, String> query = route == null ? Map.of() : queries(route, victim);
                for (boolean htmx : new boolean[] { false, true }) {
                    Map<Aim, Answer> answers = new TreeMap<>();
                    for (Aim aim : Aim.values()) {
                        String filled = first.fill(p -> value(KINDS.get(p), aim, victim));
                        answers.put(aim, request(method, filled, query, form, htmx, csrf));
                        asked++;
                    }
                    String name = label(method + " " + path.getKey(), htmx);
                    String problem = judge(route, role, answers);
                    if (problem != null) {
                        wrong.add(name + ": " + problem);
                    }
                    leaks(victim, answers.get(Aim.OTHER)).forEach(t -> wrong.add(name + " shows " + t));
                }
            }
        }
        assertThat(wrong).as("what the matrix found, " + asked + " requests as a " + role).isEmpty();
        assertThat(asked).isGreaterThan(100);
        assertThat(victims.state(victim)).as("the victim's objects after the matrix").isEqualTo(before);
    }

    /**
     * Null when the three answers are right. A route the caller's role may use answers 404 whatever the id; one it
     * may not use, or a method the path does not take, answers the same for the victim's id as for an id that names
     * nothing (no way to tell the object exists), and never 2xx, 3xx or 5xx.
     */
    static String judge(Route route, String role, Map<Aim, Answer> answers) {
        Answer other = answers.get(Aim.OTHER);
        Answer nothing = answers.get(Aim.NOTHING);
        Answer malformed = answers.get(Aim.MALFORMED);
        String seen = "victim's " + other.status() + ", nothing " + nothing.status() + ", malformed "
                + malformed.status();
        for (Answer a : answers.values()) {
            if (a.location() != null || a.hxRedirect() != null) {
                return "redirects (" + seen + ")";
            }
        }
        if (route != null && route.allows(role)) {
            return other.status() == 404 && nothing.status() == 404 && malformed.status() == 404 ? null
                    : "expected 404 for each (" + seen + ")";
        }
        Set<Integer> refusals = route != null ? Set.of(403, 404) : Set.of(404, 405);
        return other.status() == nothing.status() && refusals.contains(other.status())
                && refusals.contains(malformed.status()) ? null : "expected the same refusal for each (" + seen + ")";
    }

    /** The victim's traces in the answer's body. */
    static List<String> leaks(Victim victim, Answer answer) {
        return victim.traces().stream().filter(t -> t != null && answer.body().contains(t)).toList();
    }

    static String value(Kind kind, Aim aim, Victim victim) {
        return switch (aim) {
            case OTHER -> String.valueOf(kind.of().apply(victim));
            case NOTHING -> kind.nothing();
            case MALFORMED -> kind.malformed();
        };
    }

    /** The route's object-naming query parameters, filled with the victim's objects. */
    static Map<String, String> queries(Route route, Victim victim) {
        Map<String, String> out = new LinkedHashMap<>();
        route.queries().stream().filter(q -> QUERY_KINDS.containsKey(q.name())).forEach(q -> out.put(q.name(),
                String.valueOf(KINDS.get(QUERY_KINDS.get(q.name())).of().apply(victim))));
        return out;
    }

    /**
     * A form a real owner could send to any of the path's actions, so an action that skipped the scope would act:
     * each field the routes read, with a plausible value (another tenant's address for reverse DNS).
     */
    Map<String, String> form(List<Route> routes, Victim victim) {
        Fixtures.Catalog catalog = fixtures.catalog();
        Map<String, String> plausible = Map.ofEntries(entry("plan", catalog.plan().toString()),
                entry("template", catalog.template().toString()), entry("name", "stolen"),
                entry("hostname", "stolen.example.com"), entry("address", victim.address()),
                entry("ptr", "stolen.example.com"), entry("rootPassword", "Stolen-Pass-1234"),
                entry("role", "READ_ONLY"));
        Map<String, String> out = new LinkedHashMap<>();
        routes.forEach(r -> r.forms().forEach(f -> out.put(f.name(), plausible.getOrDefault(f.name(), "1"))));
        return out;
    }

    static Answer request(String method, String path, Map<String, String> query, Map<String, String> form,
            boolean htmx, String csrf) {
        RequestSpecification request = given().redirects().follow(false);
        if (htmx) {
            request = request.header("HX-Request", "true");
        }
        for (Map.Entry<String, String> q : query.entrySet()) {
            request = request.queryParam(q.getKey(), q.getValue());
        }
        if (method.equals("POST")) {
            request = request.cookie(Csrf.COOKIE, csrf).formParam(Csrf.FIELD, csrf);
            for (Map.Entry<String, String> f : form.entrySet()) {
                request = request.formParam(f.getKey(), f.getValue());
            }
        }
        Response response = request.request(method, path);
        return new Answer(response.statusCode(), response.asString(), response.header("Location"),
                response.header("HX-Redirect"));
    }

    static String label(String call, boolean htmx) {
        return call + (htmx ? " (htmx)" : "");
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
