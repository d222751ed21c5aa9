package io.streamscore.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a model file is encoded. The registry treats the file as opaque bytes; the format tells a scorer how to read
 * it and gives the file its extension ({@code model.json}, {@code model.onnx}).
 */
public enum ModelFormat {
    XGBOOST_JSON("xgboost-json", "json"),
    ONNX("onnx", "onnx");

    private final String id;
    private final String extension;

    ModelFormat(String id, String extension) {
        this.id = id;
        this.extension = extension;
    }

    /** The name in manifests and on the command line, e.g. {@code xgboost-json}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The model file's name in a version directory. */
    public String fileName() {
        return "model." + extension;
    }

    @JsonCreator
    public static ModelFormat fromId(String id) {
        for (ModelFormat format : values()) {
            if (format.id.equals(id)) {
                return format;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a supported model format; use one of "
                + Arrays.stream(values()).map(ModelFormat::id).collect(Collectors.joining(", ")));
    }
}
