package io.streamscore.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON shape of every registry file and control message: snake_case keys, indented output, unknown keys and
 * nulls for numbers refused (a typo must not silently become a default). Read errors become
 * {@link RegistryException}s that say where (the JSON path) and what is wrong, without Jackson's class names.
 */
public final class RegistryJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RegistryJson() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads {@code json} as {@code type}.
     *
     * @param source what the text is, for the message ("manifest.json of fraud version 3")
     * @throws RegistryException naming the source, the JSON path and the problem
     */
    public static <T> T read(String json, Class<T> type, String source) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonMappingException e) {
            throw new RegistryException(source + ": " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new RegistryException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String describe(JsonMappingException e) {
        String path = path(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown key `" + unknown.getPropertyName() + "`" + (path.isEmpty() ? "" : " at " + path)
                    + "; known keys: " + unknown.getKnownPropertyIds();
        }
        // A record's validation message already starts with the field it is about.
        Throwable cause = e.getCause();
        String problem = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
        if (e.getOriginalMessage().startsWith("Cannot map `null` into type")) {
            problem = "required: a number, but it is missing or null";
        }
        return path.isEmpty() ? problem : path + ": " + problem;
    }

    /** The JSON path of the failure, e.g. {@code baselines.features.amount}, or "" at the top level. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
