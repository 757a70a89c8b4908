package io.innkeeper.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The objects of one {@code helm template} output, as JSON, in order. */
record Manifests(List<JsonObject> objects) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    static Manifests parse(String yaml) {
        List<JsonObject> out = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(JsonParser.parseString(JSON.writeValueAsString(doc)).getAsJsonObject());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("helm printed something that is not YAML:\n" + yaml, e);
        }
        return new Manifests(out);
    }

    List<JsonObject> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind").getAsString())).toList();
    }

    /** The only object of a kind; fails if there is none or more than one. */
    JsonObject one(String kind) {
        List<JsonObject> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("want one " + kind + ", got " + found.size());
        }
        return found.get(0);
    }

    /** The panel container of the Deployment. */
    JsonObject container() {
        return at(one("Deployment"), "spec.template.spec.containers").getAsJsonArray().get(0).getAsJsonObject();
    }

    /** A value by dotted path ({@code spec.template.metadata}); null when absent. */
    static JsonElement at(JsonObject root, String path) {
        JsonElement here = root;
        for (String key : path.split("\\.")) {
            if (here == null || !here.isJsonObject()) {
                return null;
            }
            here = here.getAsJsonObject().get(key);
        }
        return here;
    }
}
