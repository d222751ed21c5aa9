package io.streamscore.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A model change as a running pipeline receives it on the control topic, after the registry has recorded it: the
 * registry stays the truth, the message says what to reload. Keyed by model name on the topic, so the changes of
 * one model arrive in order.
 *
 * <p>Which fields a type carries: REGISTER, PROMOTE and REMOVE_CHALLENGER a version; ROLLBACK the version that is
 * champion again; SET_CHALLENGER a version, a mode and a share. {@code mode} and {@code share} are null for every
 * other type; {@code reason} is "" when none was given. {@code id} lets a consumer drop a message it has applied.
 */
public record ModelControlMessage(String id, Type type, String model, int version, ChallengerMode mode, Double share,
                                  String reason, long issuedAtMillis) {
    /** What changed. */
    public enum Type { REGISTER, PROMOTE, ROLLBACK, SET_CHALLENGER, REMOVE_CHALLENGER }

    public ModelControlMessage {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id: required, unique per message (e.g. a UUID)");
        }
        if (type == null) {
            throw new IllegalArgumentException("type: required, one of " + typeNames());
        }
        ModelName.check(model, "model");
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " is not a positive integer");
        }
        if (type == Type.SET_CHALLENGER) {
            if (share == null) {
                throw new IllegalArgumentException("share: required for SET_CHALLENGER (0 for a shadow)");
            }
            // Validates mode and share the way the registry does.
            new Challenger(version, mode, share);
        } else if (mode != null || share != null) {
            throw new IllegalArgumentException("mode, share: only SET_CHALLENGER carries them, not " + type);
        }
        reason = reason == null ? "" : reason;
        if (issuedAtMillis < 0) {
            throw new IllegalArgumentException("issued_at_millis: " + issuedAtMillis + " is before 1970");
        }
    }

    /** A new message with a random id; {@code mode} and {@code share} only for SET_CHALLENGER, otherwise null. */
    public static ModelControlMessage issue(Type type, String model, int version, ChallengerMode mode, Double share,
                                            String reason, long issuedAtMillis) {
        return new ModelControlMessage(UUID.randomUUID().toString(), type, model, version, mode, share, reason,
                issuedAtMillis);
    }

    public String toJson() {
        return RegistryJson.write(this);
    }

    /**
     * Parses a message from the control topic.
     *
     * @throws RegistryException naming the field at fault, e.g. an unknown {@code type} and the known ones
     */
    public static ModelControlMessage fromJson(String json) {
        JsonNode type = RegistryJson.read(json, JsonNode.class, "control message").path("type");
        if (type.isTextual() && Arrays.stream(Type.values()).noneMatch(known -> known.name().equals(type.asText()))) {
            throw new RegistryException("control message: type: unknown type '" + type.asText() + "'; known types: "
                    + typeNames());
        }
        return RegistryJson.read(json, ModelControlMessage.class, "control message");
    }

    private static String typeNames() {
        return Arrays.stream(Type.values()).map(Type::name).collect(Collectors.joining(", "));
    }
}
