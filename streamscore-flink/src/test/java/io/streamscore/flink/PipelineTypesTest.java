package io.streamscore.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.Event;
import io.streamscore.flink.ingest.Ingested;
import io.streamscore.flink.ingest.LateEvent;
import io.streamscore.flink.scoring.CanaryEvidenceState;
import io.streamscore.flink.scoring.ControlRecord;
import io.streamscore.flink.scoring.ScoreRecord;
import io.streamscore.flink.scoring.ServingPlan;
import io.streamscore.flink.scoring.ShadowRecord;
import io.streamscore.flink.sink.OutputRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every record type that flows between operators, and the canary evidence kept in operator state, must be a Flink
 * POJO: serialized field by field, evolvable in state, and never handed to Kryo (the job runs with generic types
 * disabled, so a regression fails at build). {@link Event} itself has its own serializer in a pipeline
 * ({@code EventSerializerTest}); here it must still be a valid POJO, which is what Flink falls back to where the
 * pipeline's configuration is not applied.
 */
class PipelineTypesTest {
    @ParameterizedTest
    @ValueSource(classes = {Event.class, DeadLetter.class, Ingested.class, LateEvent.class, ScoreRecord.class,
            OutputRecord.class, ServingPlan.class, ShadowRecord.class, ControlRecord.class, CanaryEvidenceState.class})
    void recordTypesArePojosWithoutGenericFields(Class<?> type) {
        TypeInformation<?> info = TypeExtractor.createTypeInfo(type);
        if (type == Event.class && !(info instanceof PojoTypeInfo)) {
            info = Types.POJO(Event.class); // another test in this JVM registered EventSerializer globally
        }

        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getPojoFieldAt(i).getTypeInformation().getClass().getSimpleName())
                    .as("field %s of %s", pojo.getPojoFieldAt(i).getField().getName(), type.getSimpleName())
                    .isNotEqualTo("GenericTypeInfo");
        }
    }
}
