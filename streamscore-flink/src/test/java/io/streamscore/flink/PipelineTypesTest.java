package io.streamscore.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.Event;
import io.streamscore.flink.ingest.Ingested;
import io.streamscore.flink.ingest.LateEvent;
import io.streamscore.flink.scoring.ControlRecord;
import io.streamscore.flink.scoring.ScoreRecord;
import io.streamscore.flink.scoring.ServingPlan;
import io.streamscore.flink.scoring.ShadowRecord;
import io.streamscore.flink.sink.OutputRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every record type that flows between operators must be a Flink POJO: serialized field by field, evolvable in
 * state, and never handed to Kryo (the job runs with generic types disabled, so a regression fails at build).
 */
class PipelineTypesTest {
    @ParameterizedTest
    @ValueSource(classes = {Event.class, DeadLetter.class, Ingested.class, LateEvent.class, ScoreRecord.class,
            OutputRecord.class, ServingPlan.class, ShadowRecord.class, ControlRecord.class})
    void recordTypesArePojosWithoutGenericFields(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);

        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getPojoFieldAt(i).getTypeInformation().getClass().getSimpleName())
                    .as("field %s of %s", pojo.getPojoFieldAt(i).getField().getName(), type.getSimpleName())
                    .isNotEqualTo("GenericTypeInfo");
        }
    }
}
