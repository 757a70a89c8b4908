package io.innkeeper.api;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Text;

/**
 * Reads API request bodies strictly: unknown fields, wrong types, coerced scalars, duplicated keys, trailing data,
 * malformed JSON and text outside its bounds ({@link Text}: too long, control or bidi characters) are refused as
 * {@link InvalidInput} naming the field (its JSON path) and the reason, never half-read.
 */
@ApplicationScoped
public class ApiJson {

    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final ObjectMapper strict;

    @Inject
    public ApiJson(ObjectMapper mapper) {
        ObjectMapper copy = mapper.copy();
        copy.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        copy.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        copy.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        copy.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        copy.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        copy.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        copy.registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("api-text")
                .addDeserializer(String.class, new TextReader(ApiRequests.maxLength(null), false)));
        copy.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        this.strict = copy;
    }

    /** The body as {@code type}; an empty body is refused unless {@code optional}, then it reads as {}. */
    public <T> T read(byte[] body, Class<T> type, boolean optional) {
        if (body != null && body.length > ApiEdge.MAX_BYTES) {
            throw new TooLarge();
        }
        if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            if (!optional) {
                throw InvalidInput.of("body", "Send a JSON object.");
            }
            body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        ObjectReader reader = readers.computeIfAbsent(type, strict::readerFor);
        try {
            T value = reader.readValue(body);
            if (value == null) {
                throw InvalidInput.of("body", "Send a JSON object, not null.");
            }
            return value;
        } catch (BadText e) {
            throw InvalidInput.of(path(e), e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            throw InvalidInput.of(path(e), "Unknown field; this operation takes " + e.getKnownPropertyIds() + ".");
        } catch (InvalidFormatException e) {
            throw InvalidInput.of(path(e), "Expected " + expected(e.getTargetType()) + ".");
        } catch (ValueInstantiationException e) {
            throw InvalidInput.of(path(e).equals("body") ? "body" : path(e), "Not a valid value.");
        } catch (MismatchedInputException e) {
            String path = path(e);
            throw InvalidInput.of(path, path.equals("body") ? "Send a JSON object." : "Expected "
                    + expected(e.getTargetType()) + ".");
        } catch (JsonMappingException e) {
            throw InvalidInput.of(path(e), "Not a valid value.");
        } catch (InputCoercionException e) {
            throw InvalidInput.of(e.getProcessor() == null ? "body" : fieldOf(e), "Number out of range.");
        } catch (JsonParseException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw InvalidInput.of(parserPath(e.getProcessor()), "This field is given twice; give it once.");
            }
            throw InvalidInput.of("body", "Malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ".");
        } catch (IOException e) {
            throw InvalidInput.of("body", "Malformed JSON.");
        }
    }

    private static String fieldOf(InputCoercionException e) {
        try {
            String name = e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p ? p.currentName() : null;
            return name == null ? "body" : name;
        } catch (IOException | RuntimeException ex) {
            return "body";
        }
    }

    /** Where the parser stood, as a field path such as {@code sshKeys[2]} or {@code name}. */
    private static String parserPath(Object processor) {
        if (!(processor instanceof JsonParser parser)) {
            return "body";
        }
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push((parts.isEmpty() || parts.peek().startsWith("[") ? "" : ".") + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? "body" : path.startsWith(".") ? path.substring(1) : path;
    }

    /** Text that {@link Text#refusal} refuses, raised where it is read so Jackson adds the field's path. */
    static final class BadText extends JsonMappingException {

        BadText(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    /** Reads a text field within the bounds its {@link ApiRequests.Bounded} sets, or the default ones. */
    static final class TextReader extends StdScalarDeserializer<String> implements ContextualDeserializer {

        private final int max;
        private final boolean multiLine;

        TextReader(int max, boolean multiLine) {
            super(String.class);
            this.max = max;
            this.multiLine = multiLine;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            ApiRequests.Bounded bounds = property == null ? null : property.getAnnotation(ApiRequests.Bounded.class);
            return bounds == null ? this : new TextReader(ApiRequests.maxLength(bounds), bounds.multiLine());
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            String refusal = Text.refusal(value, max, multiLine);
            if (refusal != null) {
                throw new BadText(p, refusal);
            }
            return value;
        }
    }

    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == UUID.class) {
            return "an id (UUID)";
        }
        if (type == Instant.class) {
            return "a time such as 2026-01-31T12:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
