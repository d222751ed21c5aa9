package io.streamscore.generate;

import static io.streamscore.generate.GeneratorTestKit.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.spec.Format;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventGeneratorDeterminismTest {
    private static final int RECORDS = 50_000;

    private static GeneratorConfig.Builder everyStream() {
        return GeneratorConfig.builder().seed(7).clicksPerTransaction(1.5).profiles(true).labelTimeScale(1440);
    }

    @Test
    void sameSeedYieldsIdenticalByteSequence() {
        List<GeneratedRecord> first = take(everyStream().build(), RECORDS);
        List<GeneratedRecord> second = take(everyStream().build(), RECORDS);

        assertThat(first).containsExactlyElementsOf(second);
        assertThat(first).extracting(GeneratedRecord::stream).contains(GeneratedStream.values());
    }

    @Test
    void sameSeedYieldsIdenticalAvroBytes() {
        GeneratorConfig avro = everyStream().format(Format.AVRO).build();

        assertThat(take(avro, RECORDS)).containsExactlyElementsOf(take(avro, RECORDS));
    }

    @Test
    void differentSeedsYieldDifferentRecords() {
        List<GeneratedRecord> seven = take(everyStream().build(), 1_000);
        List<GeneratedRecord> eight = take(everyStream().seed(8).build(), 1_000);

        long samePositions = 0;
        for (int i = 0; i < seven.size(); i++) {
            if (Arrays.equals(seven.get(i).value(), eight.get(i).value())) {
                samePositions++;
            }
        }
        assertThat(samePositions).isZero();
    }
}
