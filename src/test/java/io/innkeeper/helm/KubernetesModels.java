package io.innkeeper.helm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a manifest against the Kubernetes API, offline, using the models that kubernetes-client/java generates
 * from the Kubernetes OpenAPI document. First the models' own {@code validateJsonElement} (fields the API does not
 * define, required fields missing), then a walk over the model's fields that checks each JSON value has the API's
 * type (Gson would read {@code "80"} into an integer field; the API server would not).
 */
final class KubernetesModels {

    /** The kinds the chart may render, by apiVersion/kind. */
    private static final Map<String, Class<?>> KINDS = Map.of(
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/Service", V1Service.class,
            "v1/ServiceAccount", V1ServiceAccount.class,
            "apps/v1/Deployment", V1Deployment.class,
            "networking.k8s.io/v1/Ingress", V1Ingress.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class);

    private KubernetesModels() {
    }

    /** Every way {@code manifest} breaks the API's schema; empty when it is valid. */
    static List<String> problems(JsonObject manifest) {
        String key = text(manifest, "apiVersion") + "/" + text(manifest, "kind");
        Class<?> model = KINDS.get(key);
        if (model == null) {
            return List.of(key + ": no such kind among " + KINDS.keySet());
        }
        List<String> out = new ArrayList<>();
        try {
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, manifest);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            out.add(key + ": " + firstLine(cause.getMessage()));
        }
        walk(key, manifest, model, out);
        return out;
    }

    private static void walk(String path, JsonElement json, Type type, List<String> out) {
        if (json == null || json.isJsonNull()) {
            return;
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type item = p.getActualTypeArguments()[p.getActualTypeArguments().length - 1];
            if (Collection.class.isAssignableFrom(raw)) {
                if (!json.isJsonArray()) {
                    out.add(path + ": want a list, got " + json);
                    return;
                }
                JsonArray array = json.getAsJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    walk(path + "[" + i + "]", array.get(i), item, out);
                }
            } else if (Map.class.isAssignableFrom(raw)) {
                if (!json.isJsonObject()) {
                    out.add(path + ": want a map, got " + json);
                    return;
                }
                json.getAsJsonObject().entrySet().forEach(e -> walk(path + "." + e.getKey(), e.getValue(), item, out));
            }
            return;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class || c == byte[].class || c == OffsetDateTime.class) {
            expect(path, json, j -> j.isString(), "a string", out);
        } else if (c == Integer.class || c == Long.class) {
            expect(path, json, j -> j.isNumber() && j.getAsBigDecimal().stripTrailingZeros().scale() <= 0,
                    "an integer", out);
        } else if (c == Double.class || c == Float.class) {
            expect(path, json, JsonPrimitive::isNumber, "a number", out);
        } else if (c == Boolean.class) {
            expect(path, json, JsonPrimitive::isBoolean, "a boolean", out);
        } else if (c == IntOrString.class) {
            expect(path, json, j -> j.isString() || j.isNumber(), "an integer or a string", out);
        } else if (c == Quantity.class) {
            expect(path, json, j -> j.isString() || j.isNumber(), "a quantity", out);
        } else if (c == Object.class) {
            return;
        } else if (c.getName().startsWith("io.kubernetes.client.openapi.models.")) {
            if (!json.isJsonObject()) {
                out.add(path + ": want an object (" + c.getSimpleName() + "), got " + json);
                return;
            }
            for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
                Field f = field(c, e.getKey());
                if (f == null) {
                    out.add(path + "." + e.getKey() + ": not a field of " + c.getSimpleName());
                } else {
                    walk(path + "." + e.getKey(), e.getValue(), f.getGenericType(), out);
                }
            }
            requiredFields(c).stream().filter(r -> !json.getAsJsonObject().has(r))
                    .forEach(r -> out.add(path + "." + r + ": required by " + c.getSimpleName()));
        } else {
            out.add(path + ": no check for Java type " + c.getName());
        }
    }

    private static void expect(String path, JsonElement json, java.util.function.Predicate<JsonPrimitive> ok,
            String what, List<String> out) {
        if (!json.isJsonPrimitive() || !ok.test(json.getAsJsonPrimitive())) {
            out.add(path + ": want " + what + ", got " + json);
        }
    }

    private static Field field(Class<?> model, String jsonName) {
        for (Field f : model.getDeclaredFields()) {
            SerializedName name = f.getAnnotation(SerializedName.class);
            if (!Modifier.isStatic(f.getModifiers()) && name != null && name.value().equals(jsonName)) {
                return f;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> requiredFields(Class<?> model) {
        try {
            return (Set<String>) model.getField("openapiRequiredFields").get(null);
        } catch (ReflectiveOperationException e) {
            return Set.of();
        }
    }

    private static String text(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : "?";
    }

    /** The models' messages end with the whole JSON; keep what comes before it. */
    private static String firstLine(String s) {
        if (s == null) {
            return "invalid";
        }
        int json = s.indexOf(" JSON: ");
        return (json < 0 ? s : s.substring(0, json)).lines().findFirst().orElse(s);
    }

    /** Reads a manifest as the API would receive it (for tests that build one by hand). */
    static JsonObject parse(String json) throws IOException {
        return com.google.gson.JsonParser.parseString(json).getAsJsonObject();
    }
}
