package io.streamscore.flink.serialization;

import io.streamscore.event.Event;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Makes Flink use {@link EventTypeInfo} wherever it meets {@link Event} (streams, state, fields of other POJOs).
 * Registered by {@code PipelineConfiguration} with Flink's type extractor, because streamscore-core, which owns
 * {@code Event}, does not depend on Flink.
 */
public final class EventTypeInfoFactory extends TypeInfoFactory<Event> {
    @Override
    public TypeInformation<Event> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
        return EventTypeInfo.INSTANCE;
    }
}
