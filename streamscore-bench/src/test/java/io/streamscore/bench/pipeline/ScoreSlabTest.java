package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScoreSlabTest {

    @Test
    void givesBackEveryScoreAsAddedAcrossChunks() {
        int count = 3 * ScoreSlab.CHUNK_BYTES / 1_000 + 7; // spans at least three chunks of 1,000-byte scores
        ScoreSlab slab = new ScoreSlab(count);
        for (int i = 0; i < count; i++) {
            slab.add(score(i));
        }

        assertThat(slab.size()).isEqualTo(count);
        for (int i = 0; i < count; i++) {
            assertThat(slab.get(i)).as("score %d", i).isEqualTo(score(i));
        }
    }

    @Test
    void aScoreLargerThanAChunkGetsAChunkOfItsOwn() {
        ScoreSlab slab = new ScoreSlab(3);
        byte[] huge = new byte[ScoreSlab.CHUNK_BYTES + 5];
        huge[huge.length - 1] = 42;
        slab.add(score(1));
        slab.add(huge);
        slab.add(score(2));

        assertThat(slab.get(0)).isEqualTo(score(1));
        assertThat(slab.get(1)).isEqualTo(huge);
        assertThat(slab.get(2)).isEqualTo(score(2));
        assertThatThrownBy(() -> slab.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** 1,000 bytes that differ per {@code i}. */
    private static byte[] score(int i) {
        String text = "{\"event_id\":\"e-" + i + "\"}";
        return (text + " ".repeat(1_000 - text.length())).getBytes(StandardCharsets.UTF_8);
    }
}
