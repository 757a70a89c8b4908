package io.innkeeper.billing.card;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Stripe's API, for tests only: no Stripe endpoint can be reached from the machines the tests run
 * on. It is a real HTTP server that checks each request against Stripe's documented API (the path, the form-encoded
 * parameters each endpoint takes, {@code Authorization: Bearer} with the secret key, an {@code Idempotency-Key} on
 * every POST, {@code Stripe-Version} when sent) and answers with the documented JSON shapes. A request Stripe would
 * refuse is answered with Stripe's error shape and recorded in {@link #violations()}, which tests assert empty.
 * <p>
 * Checkout Sessions get a hosted page at their {@code url}: paying there creates a succeeded PaymentIntent, sends the
 * panel {@code checkout.session.completed} and {@code payment_intent.succeeded} webhooks signed as Stripe signs them
 * ({@code Stripe-Signature: t=..,v1=HMAC-SHA256(secret, t + "." + body)}, computed here with the JDK's own HMAC), and
 * then redirects to the session's success URL. Tests send refunds and resend events themselves.
 */
public final class StripeStandIn implements AutoCloseable {

    public static final String SECRET_KEY = "sk_test_innkeeper_standin";
    public static final String WEBHOOK_SECRET = "whsec_innkeeper_standin";

    /** One request as received. */
    public record Request(String method, String path, Map<String, String> params, String idempotencyKey,
            String stripeVersion) {
    }

    /** A PaymentIntent the stand-in holds. */
    public record Intent(String id, long amount, String currency, String customer, String paymentMethod,
            Map<String, String> metadata, String chargeId, long refunded) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CURRENCY = Pattern.compile("^[a-z]{3}$");
    private static final Pattern AMOUNT = Pattern.compile("^[1-9][0-9]{0,10}$");

    private final HttpServer server;
    private final String webhookUrl;
    private final String expectedVersion;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Integer> webhookAnswers = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> sessions = new ConcurrentHashMap<>();
    private final Map<String, Intent> intents = new ConcurrentHashMap<>();
    private final Map<String, String> methodOwners = new ConcurrentHashMap<>();
    private final Map<String, String> customers = new ConcurrentHashMap<>();
    private final Map<String, String[]> idempotent = new ConcurrentHashMap<>();
    private volatile boolean declineNext;
    private volatile boolean holding;
    private final List<String> held = new CopyOnWriteArrayList<>();

    private StripeStandIn(String webhookUrl, String expectedVersion) throws IOException {
        this.webhookUrl = webhookUrl;
        this.expectedVersion = expectedVersion;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        // Several threads: a webhook being delivered may make the panel call back (to read a card) meanwhile.
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** Starts a stand-in that sends its webhooks to {@code webhookUrl}. */
    public static StripeStandIn start(String webhookUrl, String expectedVersion) {
        try {
            return new StripeStandIn(webhookUrl, expectedVersion);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** The panel's HTTP status for each webhook sent, in order. */
    public List<Integer> webhookAnswers() {
        return List.copyOf(webhookAnswers);
    }

    public Intent intent(String id) {
        return intents.get(id);
    }

    public List<Intent> intents() {
        return List.copyOf(intents.values());
    }

    /** The next off-session charge is declined, as Stripe declines a card ({@code card_declined}, HTTP 402). */
    public void declineNext() {
        declineNext = true;
    }

    /** Refunds {@code amount} more of an intent's charge and sends {@code charge.refunded}; answers the event. */
    public String refund(String intentId, long amount) {
        Intent i = intents.get(intentId);
        Intent after = new Intent(i.id(), i.amount(), i.currency(), i.customer(), i.paymentMethod(), i.metadata(),
                i.chargeId(), i.refunded() + amount);
        intents.put(intentId, after);
        return event("charge.refunded", charge(after));
    }

    /** The {@code payment_intent.succeeded} event of an intent, not sent. */
    public String succeededEvent(String intentId) {
        return event("payment_intent.succeeded", intentJson(intents.get(intentId)));
    }

    /** Keeps the events of the next payments back, as a delayed delivery would; {@link #held()} has them. */
    public void hold(boolean on) {
        holding = on;
    }

    /** The events kept back, in order; taken by this call. */
    public List<String> held() {
        List<String> taken = List.copyOf(held);
        held.clear();
        return taken;
    }

    /** The hosted page's payment, as a browser submits it; answers where it redirects to. */
    public String pay(String checkoutUrl) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(checkoutUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("card=4242424242424242")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 303) {
                throw new IllegalStateException("the hosted page answered " + answer.statusCode());
            }
            return answer.headers().firstValue("Location").orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs and sends an event to the panel as Stripe does; answers the panel's status (0 when held back). */
    private int sendOrHold(String event) {
        if (holding) {
            held.add(event);
            return 0;
        }
        return send(event);
    }

    /** Signs and sends an event to the panel as Stripe does; answers the panel's status. */
    public int send(String event) {
        long t = Instant.now().getEpochSecond();
        return deliver(event, "t=" + t + ",v1=" + sign(WEBHOOK_SECRET, t + "." + event));
    }

    /** Sends a body with the given {@code Stripe-Signature} header. */
    public int deliver(String body, String signature) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(webhookUrl))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Stripe-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            webhookAnswers.add(answer.statusCode());
            return answer.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 in lower-case hex, with the JDK's own implementation. */
    public static String sign(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.startsWith("/c/pay/")) {
                hostedPage(ex, method, path.substring("/c/pay/".length()));
                return;
            }
            if (!path.startsWith("/v1/")) {
                // what a browser asks of the hosted page's site besides the page (a favicon): not the API
                answer(ex, 404, "text/plain", "not found");
                return;
            }
            Map<String, String> params = form("GET".equals(method) ? ex.getRequestURI().getRawQuery() : body);
            String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
            String version = ex.getRequestHeaders().getFirst("Stripe-Version");
            requests.add(new Request(method, path, params, key, version));
            String refused = refusal(ex, method, key, version);
            if (refused != null) {
                error(ex, 401, "invalid_request_error", refused, null);
                return;
            }
            if (key != null) {
                String[] earlier = idempotent.get(key);
                if (earlier != null) {
                    if (!earlier[0].equals(method + " " + path + " " + params)) {
                        error(ex, 400, "idempotency_error", "Keys for idempotent requests can only be used with the "
                                + "same parameters they were first used with.", null);
                    } else {
                        answer(ex, Integer.parseInt(earlier[1]), earlier[2]);
                    }
                    return;
                }
            }
            String[] result = route(method, path, params);
            if (key != null) {
                idempotent.put(key, new String[] { method + " " + path + " " + params, result[0], result[1] });
            }
            answer(ex, Integer.parseInt(result[0]), result[1]);
            if (result.length > 2) {
                sendOrHold(result[2]);
            }
        }
    }

    private String refusal(HttpExchange ex, String method, String key, String version) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + SECRET_KEY).equals(auth)) {
            return violation("Invalid API Key provided (Authorization: " + auth + ")");
        }
        if (version != null && !version.equals(expectedVersion)) {
            return violation("Stripe-Version " + version + ", expected " + expectedVersion);
        }
        if ("POST".equals(method)) {
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
                return violation("POST bodies are form-encoded, got " + type);
            }
            if (key == null || key.isBlank() || key.length() > 255) {
                return violation("a POST without an Idempotency-Key");
            }
        }
        return null;
    }

    private String[] route(String method, String path, Map<String, String> p) throws JsonProcessingException {
        if ("POST".equals(method) && path.equals("/v1/customers")) {
            return checked(p, Set.of("name", "email"), Set.of("metadata["), () -> customer(p));
        }
        if ("POST".equals(method) && path.equals("/v1/checkout/sessions")) {
            return checked(p, Set.of("mode", "success_url", "cancel_url", "client_reference_id", "customer",
                    "line_items[0][quantity]", "line_items[0][price_data][currency]",
                    "line_items[0][price_data][unit_amount]", "line_items[0][price_data][product_data][name]",
                    "payment_intent_data[description]", "payment_intent_data[setup_future_usage]"),
                    Set.of("metadata[", "payment_intent_data[metadata]["), () -> session(p));
        }
        if ("POST".equals(method) && path.equals("/v1/payment_intents")) {
            return checked(p, Set.of("amount", "currency", "customer", "payment_method", "off_session", "confirm",
                    "description"), Set.of("metadata["), () -> offSession(p));
        }
        if ("GET".equals(method) && path.startsWith("/v1/payment_intents/")) {
            Intent i = intents.get(path.substring("/v1/payment_intents/".length()));
            return i == null ? missing("payment_intent") : ok(intentJson(i));
        }
        if ("GET".equals(method) && path.startsWith("/v1/payment_methods/")) {
            String id = path.substring("/v1/payment_methods/".length());
            if (!methodOwners.containsKey(id)) {
                return missing("payment_method");
            }
            Map<String, Object> card = Map.of("brand", "visa", "last4", "4242", "exp_month", 12, "exp_year", 2030);
            return ok(json(map("id", id, "object", "payment_method", "type", "card", "card", card, "customer",
                    methodOwners.get(id), "livemode", false)));
        }
        violation("no such endpoint: " + method + " " + path);
        return new String[] { "404", error("invalid_request_error", "Unrecognized request URL (" + method + ": "
                + path + ").", null) };
    }

    private interface Answer {
        String[] get() throws JsonProcessingException;
    }

    /** Refuses a parameter the endpoint does not take, as Stripe does ("Received unknown parameter"). */
    private String[] checked(Map<String, String> p, Set<String> names, Set<String> prefixes, Answer answer)
            throws JsonProcessingException {
        for (String name : p.keySet()) {
            if (!names.contains(name) && prefixes.stream().noneMatch(name::startsWith)) {
                return invalid(name, "Received unknown parameter: " + name);
            }
        }
        return answer.get();
    }

    private String[] customer(Map<String, String> p) throws JsonProcessingException {
        String id = "cus_" + next();
        customers.put(id, p.getOrDefault("name", ""));
        return ok(json(map("id", id, "object", "customer", "name", p.get("name"), "metadata", metadata(p, "metadata["),
                "livemode", false, "created", Instant.now().getEpochSecond())));
    }

    private String[] session(Map<String, String> p) throws JsonProcessingException {
        if (!"payment".equals(p.get("mode"))) {
            return invalid("mode", "Invalid mode: must be one of payment, setup or subscription; payment expected.");
        }
        if (!absolute(p.get("success_url"))) {
            return invalid("success_url", "Not a valid URL");
        }
        if (p.containsKey("cancel_url") && !absolute(p.get("cancel_url"))) {
            return invalid("cancel_url", "Not a valid URL");
        }
        String currency = p.get("line_items[0][price_data][currency]");
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            return invalid("line_items[0][price_data][currency]", "Invalid currency");
        }
        String amount = p.get("line_items[0][price_data][unit_amount]");
        if (amount == null || !AMOUNT.matcher(amount).matches()) {
            return invalid("line_items[0][price_data][unit_amount]", "Invalid integer: " + amount);
        }
        String name = p.get("line_items[0][price_data][product_data][name]");
        if (name == null || name.isBlank()) {
            return invalid("line_items[0][price_data][product_data][name]", "Missing required param");
        }
        if (!"1".equals(p.get("line_items[0][quantity]"))) {
            return invalid("line_items[0][quantity]", "Invalid integer");
        }
        String future = p.get("payment_intent_data[setup_future_usage]");
        if (future != null && !Set.of("on_session", "off_session").contains(future)) {
            return invalid("payment_intent_data[setup_future_usage]", "Invalid setup_future_usage");
        }
        String customer = p.get("customer");
        if (customer != null && !customers.containsKey(customer)) {
            return invalid("customer", "No such customer: '" + customer + "'");
        }
        String id = "cs_test_" + next();
        Map<String, Object> session = map("id", id, "object", "checkout.session", "mode", "payment", "status", "open",
                "payment_status", "unpaid", "url", base() + "/c/pay/" + id, "amount_total", Long.parseLong(amount),
                "currency", currency, "customer", customer, "client_reference_id", p.get("client_reference_id"),
                "metadata", metadata(p, "metadata["), "success_url", p.get("success_url"), "cancel_url",
                p.get("cancel_url"), "payment_intent", null, "livemode", false, "created",
                Instant.now().getEpochSecond());
        session.put("_intent_metadata", metadata(p, "payment_intent_data[metadata]["));
        session.put("_future", future);
        session.put("_description", p.get("payment_intent_data[description]"));
        sessions.put(id, session);
        return ok(json(visible(session)));
    }

    private String[] offSession(Map<String, String> p) throws JsonProcessingException {
        String amount = p.get("amount");
        if (amount == null || !AMOUNT.matcher(amount).matches()) {
            return invalid("amount", "Invalid integer: " + amount);
        }
        if (p.get("currency") == null || !CURRENCY.matcher(p.get("currency")).matches()) {
            return invalid("currency", "Invalid currency");
        }
        if ("true".equals(p.get("off_session")) && !"true".equals(p.get("confirm"))) {
            return invalid("off_session", "off_session can only be used when confirm=true");
        }
        String method = p.get("payment_method");
        if (method != null && (p.get("customer") == null || !p.get("customer").equals(methodOwners.get(method)))) {
            return invalid("payment_method", "The provided PaymentMethod is not attached to this customer.");
        }
        String id = "pi_" + next();
        Intent intent = new Intent(id, Long.parseLong(amount), p.get("currency"), p.get("customer"), method,
                metadata(p, "metadata["), "ch_" + next(), 0);
        if (declineNext) {
            declineNext = false;
            Map<String, Object> failed = intentMap(intent);
            failed.put("status", "requires_payment_method");
            failed.put("amount_received", 0);
            Map<String, Object> error = map("type", "card_error", "code", "card_declined", "decline_code",
                    "generic_decline", "message", "Your card was declined.", "payment_intent", failed);
            return new String[] { "402", json(Map.of("error", error)) };
        }
        intents.put(id, intent);
        return new String[] { "200", intentJson(intent), event("payment_intent.succeeded", intentJson(intent)) };
    }

    private void hostedPage(HttpExchange ex, String method, String sessionId) throws IOException {
        Map<String, Object> session = sessions.get(sessionId);
        if (session == null) {
            answer(ex, 404, "text/html", "<!doctype html><title>Not found</title><p>No such checkout session.");
            return;
        }
        if ("GET".equals(method)) {
            String amount = session.get("amount_total") + " " + session.get("currency");
            answer(ex, 200, "text/html", "<!doctype html><html lang=en><title>Stripe stand-in checkout</title>"
                    + "<h1>Pay " + amount + "</h1><form method=post><label>Card number <input name=card "
                    + "value='4242 4242 4242 4242'></label><button>Pay</button></form><a href='"
                    + session.get("cancel_url") + "'>Back</a></html>");
            return;
        }
        String intentId = "pi_" + next();
        String customer = (String) session.get("customer");
        String methodId = "pm_" + next();
        methodOwners.put(methodId, customer == null ? "" : customer);
        @SuppressWarnings("unchecked")
        Map<String, String> meta = (Map<String, String>) session.get("_intent_metadata");
        Intent intent = new Intent(intentId, (Long) session.get("amount_total"), (String) session.get("currency"),
                customer, methodId, meta, "ch_" + next(), 0);
        intents.put(intentId, intent);
        session.put("status", "complete");
        session.put("payment_status", "paid");
        session.put("payment_intent", intentId);
        sendOrHold(event("checkout.session.completed", json(visible(session))));
        Map<String, Object> succeeded = intentMap(intent);
        succeeded.put("setup_future_usage", session.get("_future"));
        sendOrHold(event("payment_intent.succeeded", json(succeeded)));
        String success = ((String) session.get("success_url")).replace("{CHECKOUT_SESSION_ID}", sessionId);
        ex.getResponseHeaders().add("Location", success);
        ex.sendResponseHeaders(303, -1);
    }

    private Map<String, Object> intentMap(Intent i) {
        return map("id", i.id(), "object", "payment_intent", "amount", i.amount(), "amount_received", i.amount(),
                "currency", i.currency(), "customer", i.customer(), "payment_method", i.paymentMethod(), "status",
                "succeeded", "metadata", i.metadata(), "latest_charge", i.chargeId(), "livemode", false, "created",
                Instant.now().getEpochSecond());
    }

    private String intentJson(Intent i) {
        try {
            return json(intentMap(i));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String charge(Intent i) {
        try {
            return json(map("id", i.chargeId(), "object", "charge", "amount", i.amount(), "amount_captured",
                    i.amount(), "amount_refunded", i.refunded(), "refunded", i.refunded() >= i.amount(), "currency",
                    i.currency(), "payment_intent", i.id(), "customer", i.customer(), "paid", true, "captured", true,
                    "status", "succeeded", "metadata", Map.of(), "livemode", false));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String event(String type, String objectJson) {
        return "{\"id\":\"evt_" + next() + "\",\"object\":\"event\",\"api_version\":\"" + expectedVersion
                + "\",\"created\":" + Instant.now().getEpochSecond() + ",\"livemode\":false,\"pending_webhooks\":1,"
                + "\"request\":{\"id\":null,\"idempotency_key\":null},\"type\":\"" + type + "\",\"data\":{\"object\":"
                + objectJson + "}}";
    }

    private static Map<String, Object> visible(Map<String, Object> session) {
        Map<String, Object> shown = new LinkedHashMap<>(session);
        shown.keySet().removeIf(k -> k.startsWith("_"));
        return shown;
    }

    private static Map<String, String> metadata(Map<String, String> p, String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.endsWith("]")) {
                found.put(k.substring(prefix.length(), k.length() - 1), v);
            }
        });
        return found;
    }

    private String[] invalid(String param, String message) {
        violation(param + ": " + message);
        return new String[] { "400", error("invalid_request_error", message, param) };
    }

    private String[] missing(String what) {
        violation("no such " + what);
        return new String[] { "404", error("invalid_request_error", "No such " + what, "id") };
    }

    private String violation(String what) {
        violations.add(what);
        return what;
    }

    private static String[] ok(String body) {
        return new String[] { "200", body };
    }

    private static boolean absolute(String url) {
        return url != null && (url.startsWith("http://") || url.startsWith("https://"));
    }

    private int next() {
        return ids.incrementAndGet();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String json(Object value) throws JsonProcessingException {
        return JSON.writeValueAsString(value);
    }

    private static String error(String type, String message, String param) {
        Map<String, Object> e = map("type", type, "message", message);
        if (param != null) {
            e.put("param", param);
        }
        try {
            return json(Map.of("error", e));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    private static void error(HttpExchange ex, int status, String type, String message, String param)
            throws IOException {
        answer(ex, status, error(type, message, param));
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        answer(ex, status, "application/json", json);
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.getResponseHeaders().add("Request-Id", "req_standin");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.getResponseBody().flush();
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }

    /** The requests to one endpoint, for assertions. */
    public List<Request> requests(String method, String path) {
        List<Request> found = new ArrayList<>();
        for (Request r : requests) {
            if (r.method().equals(method) && r.path().equals(path)) {
                found.add(r);
            }
        }
        return found;
    }
}
