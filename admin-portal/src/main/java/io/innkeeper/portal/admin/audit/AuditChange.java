package io.innkeeper.portal.admin.audit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.innkeeper.web.LongText;

/**
 * One field an audited change touched, as the audit page highlights it: its value before (null: it was added) and
 * after (null: it was removed), each clipped to {@link #VALUE} characters.
 */
public record AuditChange(String field, LongText before, LongText after) {

    /** What one value in the list of changes shows at most; the whole record stays below it. */
    public static final int VALUE = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean added() {
        return before == null;
    }

    public boolean removed() {
        return after == null;
    }

    /**
     * The top-level fields whose values differ between the two records, in the order they first appear; empty when
     * nothing differs, null when either record is present but not a JSON object (the page then shows both whole).
     */
    public static List<AuditChange> between(String before, String after) {
        JsonNode b = object(before);
        JsonNode a = object(after);
        if (b == null && before != null || a == null && after != null || b == null && a == null) {
            return null;
        }
        Set<String> fields = new LinkedHashSet<>();
        names(b, fields);
        names(a, fields);
        List<AuditChange> out = new ArrayList<>();
        for (String f : fields) {
            JsonNode was = b == null ? null : b.get(f);
            JsonNode is = a == null ? null : a.get(f);
            if (was != null && was.equals(is)) {
                continue;
            }
            out.add(new AuditChange(LongText.of(f, VALUE).shown(), text(was), text(is)));
        }
        return out;
    }

    private static JsonNode object(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void names(JsonNode node, Set<String> into) {
        if (node != null) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                into.add(it.next());
            }
        }
    }

    private static LongText text(JsonNode value) {
        if (value == null) {
            return null;
        }
        return LongText.of(value.isTextual() ? value.asText() : value.toString(), VALUE);
    }
}
