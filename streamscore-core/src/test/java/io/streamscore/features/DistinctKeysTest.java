package io.streamscore.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hashes exact distinct counts keep: equal values hash alike, distinct values apart, and none is "no value". */
class DistinctKeysTest {

    @Test
    void equalValuesHashAlikeWhateverTheirInstance() {
        String built = new StringBuilder("merchant-").append(42).toString();
        assertThat(DistinctKeys.keyHash(built)).isEqualTo(DistinctKeys.keyHash("merchant-42"));
        assertThat(DistinctKeys.keyHash(Double.valueOf(12.5))).isEqualTo(DistinctKeys.keyHash(12.5))
                .isEqualTo(DistinctKeys.notNone(DistinctKeys.hash(12.5)));
    }

    @Test
    void valuesThatDoubleEqualsTellApartHashApart() {
        assertThat(DistinctKeys.keyHash(0.0)).isNotEqualTo(DistinctKeys.keyHash(-0.0));
        assertThat(DistinctKeys.keyHash("1.0")).isNotEqualTo(DistinctKeys.keyHash(1.0));
        assertThat(DistinctKeys.keyHash("ab")).isNotEqualTo(DistinctKeys.keyHash("ba"));
    }

    @Test
    void nullIsNoneAndNoValueIs() {
        assertThat(DistinctKeys.keyHash(null)).isEqualTo(DistinctKeys.NONE);
        assertThat(DistinctKeys.notNone(DistinctKeys.NONE)).isNotEqualTo(DistinctKeys.NONE);
        assertThat(DistinctKeys.keyHash("")).isNotEqualTo(DistinctKeys.NONE);
    }

    @Test
    void aMillionNearbyValuesGetDistinctHashes() {
        Set<Long> hashes = new HashSet<>();
        for (int i = 0; i < 500_000; i++) {
            hashes.add(DistinctKeys.keyHash("m" + i));
            hashes.add(DistinctKeys.keyHash((double) i));
        }
        assertThat(hashes).hasSize(1_000_000).doesNotContain(DistinctKeys.NONE);
    }
}
