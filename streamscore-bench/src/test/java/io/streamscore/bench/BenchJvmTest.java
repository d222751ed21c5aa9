package io.streamscore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchJvmTest {
    private static final long SIX_GIB = 6L << 30;

    @Test
    void saysNothingForAFixedPreTouchedHeap() {
        assertThat(BenchJvm.warning(SIX_GIB, SIX_GIB, true)).isEmpty();
    }

    @Test
    void namesWhatIsMissingAndTheOptionsThatFixIt() {
        assertThat(BenchJvm.warning(384L << 20, SIX_GIB, false)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("neither fixed (-Xms = -Xmx) nor pre-touched")
                .contains("STREAMSCORE_JAVA_OPTS=\"-Xms6g -Xmx6g -XX:+AlwaysPreTouch\""));
        assertThat(BenchJvm.warning(SIX_GIB, SIX_GIB, false)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("the heap is not pre-touched:"));
        assertThat(BenchJvm.warning(384L << 20, SIX_GIB, true)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("the heap is not fixed (-Xms = -Xmx):"));
    }

    @Test
    void describesThisJvm() {
        var jvm = BenchJvm.describe();

        assertThat(jvm.get("heap_max_bytes").asLong()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(jvm.get("heap_pretouched").isBoolean()).isTrue();
        assertThat(jvm.get("collectors")).isNotEmpty();
    }
}
